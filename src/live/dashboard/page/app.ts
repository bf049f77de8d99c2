/**
 * Operations dashboard, browser side.
 */
const root = document.getElementById('app');
if (root !== null) root.textContent = 'keiba-themis operations';
