/** Small user settings (UI language, …) kept in IndexedDB so workers can read them too. */
import { getDb, type SouDatabase } from './db';

export interface Settings {
  language: 'en' | 'zh';
}

export async function readSetting<K extends keyof Settings>(
  key: K,
  db: SouDatabase = getDb(),
): Promise<Settings[K] | undefined> {
  try {
    return (await db.settings.get(key))?.value as Settings[K] | undefined;
  } catch {
    return undefined; // settings are a convenience; never block the app on them
  }
}

export async function writeSetting<K extends keyof Settings>(
  key: K,
  value: Settings[K],
  db: SouDatabase = getDb(),
): Promise<void> {
  try {
    await db.settings.put({ key, value });
  } catch {
    // ignore: losing a preference is better than an error dialog
  }
}
