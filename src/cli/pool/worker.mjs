// Worker-thread entry of the study pool. Plain JS so Node can start it without a loader; it loads the
// TypeScript task runner through tsx, like bin/skyhaul.mjs does for the CLI.
import { tsImport } from 'tsx/esm/api';

let tasks;

export default async function run(task) {
  tasks ??= tsImport('./tasks.ts', import.meta.url);
  return (await tasks).runTask(task);
}
