import type { Command } from '../command';
import { validateCommand } from './validate';

/** Every CLI command; add new ones here. */
export const COMMANDS: Command[] = [validateCommand];
