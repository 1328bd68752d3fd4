import type { ChatModel } from '@flowpilot/assistant/chat-model';
import type { Database } from '@flowpilot/db/database';
import type { Config } from './env.ts';

/** Everything a service needs from the outside world, built once at boot (or per test). */
export interface AppContext {
  config: Config;
  database: Database;
  model: ChatModel;
}
