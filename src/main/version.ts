/** This counter application's version (package.json), sent to the hub with every request. */
import { version } from '../../package.json';

export const APP_VERSION: string = version;
