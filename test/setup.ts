import { afterAll } from 'vitest';
import { removeTmpDirs } from './helpers.js';

afterAll(() => removeTmpDirs());
