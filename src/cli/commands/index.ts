import type { Command } from '../command';
import { validateCommand } from './validate';
import { exportCommand } from './export';
import { importCommand } from './import';
import { terrainCommand } from './terrain';
import { energyCommand } from './energy';
import { pathCommand } from './path';
import { planCommand } from './plan';
import { simulateCommand } from './simulate';
import { compareCommand } from './compare';
import { sweepCommand } from './sweep';
import { ordersCommand } from './orders';
import { dispatchCommand } from './dispatch';
import { workerCommand } from './worker';

/** Every CLI command; add new ones here. */
export const COMMANDS: Command[] = [
  // In the order a dispatcher works: check the mission, fill in its orders, its physics and paths, plan, fly, share, compare.
  validateCommand,
  ordersCommand,
  energyCommand,
  pathCommand,
  planCommand,
  simulateCommand,
  dispatchCommand,
  exportCommand,
  importCommand,
  terrainCommand,
  compareCommand,
  sweepCommand,
  workerCommand,
];
