export { ShortcutHelp, SHORTCUTS } from './ShortcutHelp';
