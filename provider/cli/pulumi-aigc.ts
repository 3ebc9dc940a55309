#!/usr/bin/env node
// `npx pulumi-aigc <command>`: the package's operator commands (`ledger`, `migrate`).
import { ledgerCommand } from "./ledger-command";
import { MIGRATE_USAGE, migrateCommand } from "./migrate-command";

const USAGE =
  "usage: pulumi-aigc ledger <ls|show|gc> [options]   (pulumi-aigc ledger --help for details)\n" + MIGRATE_USAGE;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === "ledger" || command === "migrate") {
    const r = await (command === "ledger" ? ledgerCommand : migrateCommand)(rest);
    (r.code === 0 ? process.stdout : process.stderr).write(`${r.out}\n`);
    return r.code;
  }
  process.stderr.write(
    `${command && command !== "--help" && command !== "-h" ? `unknown command ${command}\n` : ""}${USAGE}\n`,
  );
  return command === "--help" || command === "-h" ? 0 : 2;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: Error) => {
    process.stderr.write(`pulumi-aigc: ${err.message}\n`);
    process.exitCode = 1;
  },
);
