/** `npm run build:console`: builds the hub's console pages (src/hub/console) into out/console. */
import { buildConsole, consoleDir } from '../src/hub/console-api/build';

buildConsole(consoleDir()).then(
  (dir) => console.log(`Trang quản trị đã dựng vào ${dir}`),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
