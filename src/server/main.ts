// Entry of dist/server.js, the process the VS Code client launches (over IPC; other editors use
// `derivcheck lsp --stdio`, which calls the same startServer from the CLI bundle).
import { startServer } from './server';

startServer();
