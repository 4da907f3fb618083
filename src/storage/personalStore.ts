/**
 * Where the personal profile lives: one row of the `personal` table (schema v3), holding the
 * profile's own export JSON. Reading goes through importProfile(), so a profile saved by an
 * older app version is migrated on load, and a damaged row costs only that row: the app starts
 * with a fresh profile and says so, instead of failing.
 */
import { createProfile, exportProfile, importProfile, type PersonalProfile } from '../core/personal/index';
import type { ProductLookup } from '../core/personal/index';
import { SouError } from '../core/types';
import { getDb, storageError, type SouDatabase } from './db';

export interface LoadedProfile {
  profile: PersonalProfile;
  /** Set when the stored profile could not be read and a fresh one was started. */
  warning: string | null;
}

export async function loadProfile(catalog?: ProductLookup, db: SouDatabase = getDb()): Promise<LoadedProfile> {
  let row;
  try {
    row = await db.personal.get('profile');
  } catch (err) {
    const e = storageError(err, 'reading your personalization data');
    return { profile: createProfile(), warning: e.message };
  }
  if (!row) return { profile: createProfile(), warning: null };
  try {
    return { profile: importProfile(row.json, { catalog }), warning: null };
  } catch (err) {
    const why = err instanceof SouError ? err.message : String(err);
    return {
      profile: createProfile(),
      warning: `Your saved personalization could not be read (${why}). Results are not personalized until you use the app again or import an export.`,
    };
  }
}

/** Saves the profile; throws SouError('STORAGE_QUOTA' | 'STORAGE_UNAVAILABLE') on failure. */
export async function saveProfile(profile: PersonalProfile, db: SouDatabase = getDb(), now = Date.now()): Promise<void> {
  try {
    await db.personal.put({ key: 'profile', json: exportProfile(profile, { now }), savedAt: now });
  } catch (err) {
    throw storageError(err, 'saving what sou learned about your taste');
  }
}

/** Erase: removes the stored profile and the (legacy) event rows in one transaction. */
export async function eraseStoredProfile(db: SouDatabase = getDb()): Promise<void> {
  try {
    await db.transaction('rw', db.personal, db.events, async () => {
      await db.personal.clear();
      await db.events.clear();
    });
  } catch (err) {
    throw storageError(err, 'erasing your personalization data');
  }
}
