/**
 * On-device personalization inside the search worker (issue 5): holds the shopper's profile
 * next to the engine, learns from the events the UI reports, re-ranks search hits and builds
 * recommendations. Everything stays in this browser: the profile is saved to IndexedDB only.
 *
 * Cold start (nothing learned), pause, or erase → search answers exactly as the engine does:
 * the engine request is not even changed.
 */
import {
  createProfile,
  describeProfile,
  eraseProfile,
  exportProfile,
  importProfile,
  Recommender,
  recordEvent,
  rerank,
  setPaused,
  type Lang,
  type PersonalEvent,
  type PersonalProfile,
} from '../core/personal/index';
import { latentTasteOf } from '../core/personal/latent';
import { hasSignal } from '../core/personal/model';
import { SouError, type Product, type SearchHit } from '../core/types';
import { eraseStoredProfile, loadProfile, saveProfile } from '../storage/personalStore';
import type { PersonalEventInput, PersonalRecommendations, PersonalStatus } from './types';

/** How many of the engine's hits are re-ranked (the eval, scripts/eval-personal.ts, uses the same). */
export const PERSONAL_DEPTH = 100;
/** Saving waits this long after the last event, so a burst of events costs one write. */
const SAVE_DELAY_MS = 300;
/** Raw events shown in the privacy panel's log (newest first). */
const LOG_EVENTS = 300;

function hashString(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

export interface PersonalizerOptions {
  /** Stored profile access; tests pass in-memory versions. */
  load?: typeof loadProfile;
  save?: typeof saveProfile;
  eraseStored?: typeof eraseStoredProfile;
}

export class Personalizer {
  private profile: PersonalProfile = createProfile();
  private loaded: Promise<void> | null = null;
  private byId = new Map<string, Product>();
  private recommender: Recommender | null = null;
  private lang: Lang = 'en';
  private warning: string | null = null;
  private saveTimer: ReturnType<typeof setTimeout> | null = null;
  private saving: Promise<void> = Promise.resolve();
  private readonly load: typeof loadProfile;
  private readonly save: typeof saveProfile;
  private readonly eraseStored: typeof eraseStoredProfile;

  constructor(options: PersonalizerOptions = {}) {
    this.load = options.load ?? loadProfile;
    this.save = options.save ?? saveProfile;
    this.eraseStored = options.eraseStored ?? eraseStoredProfile;
  }

  /** A new function per catalog: latentTasteOf memoizes per lookup, so a catalog swap refits. */
  private lookup = (id: string): Product | undefined => this.byId.get(id);

  /** A new catalog: remembered products that are gone simply stop counting (nothing is deleted). */
  setCatalog(products: readonly Product[]): void {
    const byId = new Map(products.map((p) => [p.id, p] as const));
    this.byId = byId;
    this.lookup = (id: string) => byId.get(id);
    this.recommender = null;
  }

  setLanguage(lang: Lang): void {
    this.lang = lang;
  }

  private ready(): Promise<void> {
    this.loaded ??= this.load(this.lookup).then(({ profile, warning }) => {
      this.profile = profile;
      this.warning = warning;
    });
    return this.loaded;
  }

  /** True when re-ranking could change anything (the engine request is widened only then). */
  async active(): Promise<boolean> {
    await this.ready();
    return !this.profile.paused && hasSignal(this.profile);
  }

  async rerank(hits: readonly SearchHit[], query: string): Promise<SearchHit[]> {
    await this.ready();
    // Exploration (Thompson sampling) is seeded by the query and what has been learned so far:
    // the same query shows the same order until the shopper does something new.
    return rerank(hits, this.lookup, this.profile, {
      query,
      lang: this.lang,
      explore: true,
      seed: hashString(query) ^ this.profile.seq,
    });
  }

  async record(input: PersonalEventInput): Promise<void> {
    await this.ready();
    const event: PersonalEvent = { ...input, at: input.at ?? Date.now() };
    const r = recordEvent(this.profile, event, this.lookup);
    if (r.stored) this.scheduleSave();
  }

  private scheduleSave(): void {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null;
      void this.flush();
      // Fit the joint taste estimate now, between the shopper's actions, so the next search
      // finds it ready instead of paying for the fit (latentTasteOf memoizes per profile state).
      if (!this.profile.paused) latentTasteOf(this.profile, this.lookup);
    }, SAVE_DELAY_MS);
  }

  /** Writes the profile now. A full disk keeps learning in memory and tells the shopper. */
  async flush(): Promise<void> {
    if (this.saveTimer) {
      clearTimeout(this.saveTimer);
      this.saveTimer = null;
    }
    const snapshot = this.profile;
    this.saving = this.saving.then(async () => {
      try {
        await this.save(snapshot);
        if (this.warning?.startsWith('Not enough storage') || this.warning?.startsWith('Storage')) this.warning = null;
      } catch (err) {
        this.warning = err instanceof Error ? `${err.message} What sou learned this session is kept until you close the app.` : String(err);
      }
    });
    return this.saving;
  }

  async status(): Promise<PersonalStatus> {
    await this.ready();
    const d = describeProfile(this.profile, this.lang);
    const remembered = Object.keys(this.profile.products);
    return {
      paused: this.profile.paused,
      learned: hasSignal(this.profile),
      summary: d.summary,
      likes: d.likes.map((l) => l.label),
      dislikes: d.dislikes.map((l) => l.label),
      eventCount: this.profile.events.length + this.profile.compacted.count,
      compactedCount: this.profile.compacted.count,
      events: this.profile.events.slice(-LOG_EVENTS).reverse(),
      productsRemembered: remembered.length,
      productsGone: this.byId.size ? remembered.filter((id) => !this.byId.has(id)).length : 0,
      warning: this.warning,
    };
  }

  async exportJson(): Promise<string> {
    await this.ready();
    return exportProfile(this.profile);
  }

  /** Replaces the profile with an imported one; a bad file throws and changes nothing. */
  async importJson(text: string): Promise<PersonalStatus> {
    await this.ready();
    const next = importProfile(text, { catalog: this.lookup });
    this.profile = next;
    await this.flush();
    return this.status();
  }

  async setPaused(paused: boolean): Promise<PersonalStatus> {
    await this.ready();
    setPaused(this.profile, paused);
    await this.flush();
    return this.status();
  }

  /** Erases model and events in one step: the next search is exactly the engine's order. */
  async erase(): Promise<PersonalStatus> {
    await this.ready();
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = null;
    this.profile = eraseProfile();
    await this.saving;
    try {
      await this.eraseStored();
      this.warning = null;
    } catch (err) {
      throw err instanceof SouError ? err : new SouError('STORAGE_UNAVAILABLE', String(err));
    }
    return this.status();
  }

  async recommendations(productId: string | null): Promise<PersonalRecommendations> {
    await this.ready();
    this.recommender ??= new Recommender([...this.byId.values()]);
    const rec = this.recommender;
    const product = (id: string) => this.byId.get(id);
    const items = (list: Array<{ id: string }>) => list.map((x) => product(x.id)).filter((p): p is Product => !!p);
    if (productId) {
      return {
        similar: items(rec.similar(productId, 6)),
        together: this.profile.paused ? [] : items(rec.viewedTogether(this.profile, productId, 6)),
        because: [],
      };
    }
    const rows = this.profile.paused ? [] : rec.becauseYouLiked(this.profile, { lang: this.lang, rows: 2, perRow: 6 });
    return {
      similar: [],
      together: [],
      because: rows.map((r) => ({ anchorId: r.anchorId, heading: r.heading, products: items(r.items) })),
    };
  }
}
