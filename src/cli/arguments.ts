// Option parsers shared by the subcommands.
import { CliError } from "./errors.js";

/** A whole number ≥ 0, or a usage error naming the option. */
export function positiveInteger(name: string) {
  return (value: string): number => {
    const number = Number(value);
    if (!Number.isInteger(number) || number < 0) throw new CliError(`${name} ${value}: expected a whole number`, { exitCode: 2 });
    return number;
  };
}
