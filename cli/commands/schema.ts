/** `wcc schema`: prints the JSON Schema of scenario files (for editors and validators). */
import { Command } from 'commander';
import { scenarioJsonSchema } from '../../models/scenario/schema.js';
import type { CliIo } from '../io.js';

/** The `schema` command. */
export function schemaCommand(io: CliIo): Command {
  return new Command('schema')
    .description('Print the JSON Schema of scenario files (also in schema/scenario.schema.json)')
    .addHelpText(
      'after',
      `
Point an editor at it for completion and checking while writing scenarios, e.g. in VS Code
with the YAML extension, put this first line in a scenario file:
  # yaml-language-server: $schema=./scenario.schema.json

Examples:
  $ wcc schema > scenario.schema.json`,
    )
    .action(() => {
      io.out(`${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
    });
}
