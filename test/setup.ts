// First: tests use apache-arrow's ES modules, as a program importing the library does.
import '../src/schema/arrow-modules.js';
import { afterAll } from 'vitest';
import { removeTmpDirs } from './helpers.js';

afterAll(() => removeTmpDirs());
