/**
 * `keiba live deposit --state DIR --amount YEN [--withdraw]`: moves money into (or out of) the
 * bankroll of a book: a ledger entry with its audit record. A deposit does not lift a halt
 * (run keiba live resume). Layer: cli (calls LiveStore.deposit / withdraw).
 */
import type { Argv, CommandModule } from 'yargs';
import { openStore } from '../../live/index.ts';

interface DepositArgs {
  state: string;
  amount: number;
  withdraw: boolean;
}

export const liveDepositCommand: CommandModule<object, DepositArgs> = {
  command: 'deposit',
  describe: 'Deposit money into the bankroll of a book (--withdraw takes it out); audited',
  builder: (y: Argv) =>
    y
      .option('state', { type: 'string', demandOption: true, describe: 'state folder of the book' })
      .option('amount', { type: 'number', demandOption: true, describe: 'yen, a positive integer' })
      .option('withdraw', { type: 'boolean', default: false, describe: 'take the amount out instead' }) as unknown as Argv<DepositArgs>,
  handler: (argv) => {
    const store = openStore(argv.state);
    try {
      const e = argv.withdraw ? store.withdraw(Date.now(), argv.amount) : store.deposit(Date.now(), argv.amount);
      process.stdout.write(`${argv.withdraw ? 'withdrew' : 'deposited'} ${Math.abs(e.amountYen)} yen (ledger row ${e.seq}); bankroll ${store.bankrollYen()} yen\n`);
    } finally {
      store.close();
    }
  },
};
