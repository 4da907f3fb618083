/**
 * Microphone button for the search box. Press once to record; recording ends by itself when the
 * shopper stops talking, on a second press, or at 15 s. A level meter shows it is listening;
 * partial and final transcripts go to `onTranscript`, which should put them in the search box
 * (still editable) and search. An audio file can be dropped on the button or picked instead.
 *
 * Mount next to the search input:
 *   <VoiceSearchButton client={voiceClient} lang={lang} onTranscript={(text, info) => setQuery(text)} />
 */
import { useCallback, useEffect, useRef, useState, type DragEvent } from 'react';
import { SouError } from '../../../core/types';
import type { VoiceClient } from '../../../voice/voiceClient';
import type { VoiceEngine } from '../../../voice/voiceService';
import { VOICE_STRINGS } from './voiceStrings';

export interface VoiceTranscriptInfo {
  /** false for a partial transcript while the shopper is still talking. */
  final: boolean;
  engine: VoiceEngine;
}

export interface VoiceSearchButtonProps {
  /** Receives partial (final=false) and final transcripts. */
  onTranscript(text: string, info: VoiceTranscriptInfo): void;
  /** The voice bridge (createVoiceClient()); one per app. */
  client: VoiceClient;
  /** UI language: labels, and the spoken language hint ('zh' needs Whisper). */
  lang: 'en' | 'zh';
  /** Called with a user-facing message on failure (also shown under the button). */
  onError?(error: SouError): void;
  /** A recording (or an audio file) starts: its transcripts follow. */
  onStart?(): void;
}

type Phase = 'idle' | 'listening' | 'working';

/** Errors from the worker arrive as SouError (comlinkErrors); anything else is a crash. */
function asSouError(error: unknown): SouError {
  if (error instanceof SouError) return error;
  const e = error as { name?: string; code?: string; message?: string } | null;
  if (e?.name === 'SouError' && typeof e.code === 'string') return new SouError(e.code as SouError['code'], e.message ?? '');
  return new SouError('WORKER_CRASHED', 'Voice search stopped unexpectedly. Try again, or type your search.');
}

const LEVEL_FLOOR_DB = -60;

export function VoiceSearchButton(props: VoiceSearchButtonProps) {
  const strings = VOICE_STRINGS[props.lang];
  const [phase, setPhase] = useState<Phase>('idle');
  const [level, setLevel] = useState(0);
  const [message, setMessage] = useState<string>('');
  const [error, setError] = useState<SouError | null>(null);
  const warmed = useRef(false);
  const [engine, setEngine] = useState<VoiceEngine | null>(null);
  const stopRef = useRef<(() => void) | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const propsRef = useRef(props);
  propsRef.current = props;

  useEffect(() => () => stopRef.current?.(), []);

  const fail = useCallback((error: unknown) => {
    const sou = asSouError(error);
    setMessage('');
    setError(sou);
    propsRef.current.onError?.(sou);
  }, []);

  const deliver = useCallback((text: string, used: VoiceEngine) => {
    setEngine(used);
    setError(null);
    setMessage(VOICE_STRINGS[propsRef.current.lang].heardBy(used));
    propsRef.current.onTranscript(text, { final: true, engine: used });
  }, []);

  const start = useCallback(() => {
    propsRef.current.onStart?.();
    setMessage('');
    setError(null);
    setPhase('listening');
    const spoken = propsRef.current.lang;
    const session = props.client.listen(spoken === 'zh' ? 'zh' : null, {
      onLevel: (db) => setLevel(Math.max(0, Math.min(1, (db - LEVEL_FLOOR_DB) / -LEVEL_FLOOR_DB))),
      onPartial: (text) => propsRef.current.onTranscript(text, { final: false, engine: 'instant' }),
    });
    stopRef.current = () => {
      session.stop();
      setPhase('working');
    };
    session.result
      .then((result) => deliver(result.text, result.engine))
      .catch(fail)
      .finally(() => {
        stopRef.current = null;
        setLevel(0);
        setPhase('idle');
      });
  }, [props.client, deliver, fail]);

  const onPress = () => {
    if (phase === 'listening') stopRef.current?.();
    else if (phase === 'idle') start();
  };

  const transcribeFile = (file: File | undefined) => {
    if (!file || phase !== 'idle') return;
    props.onStart?.();
    setMessage('');
    setError(null);
    setPhase('working');
    props.client
      .transcribeFile(file, props.lang === 'zh' ? 'zh' : null)
      .then((result) => deliver(result.text, result.engine))
      .catch(fail)
      .finally(() => setPhase('idle'));
  };

  // Loading the recogniser takes a moment: start when the shopper reaches for the button.
  const warmUp = () => {
    if (warmed.current) return;
    warmed.current = true;
    props.client.warmUp().catch(() => {
      warmed.current = false; // reported when they press; a later hover may retry
    });
  };

  const label = phase === 'listening' ? strings.stop : phase === 'working' ? strings.working : strings.start;
  return (
    <div
      className="voice-search"
      data-testid="voice-search"
      onDragOver={(e: DragEvent) => e.preventDefault()}
      onDrop={(e: DragEvent) => {
        e.preventDefault();
        transcribeFile(e.dataTransfer.files[0]);
      }}
    >
      <button
        type="button"
        className={`voice-button voice-${phase}`}
        data-testid="voice-button"
        aria-label={label}
        aria-pressed={phase === 'listening'}
        disabled={phase === 'working'}
        onPointerEnter={warmUp}
        onFocus={warmUp}
        onClick={onPress}
      >
        {/* Drawn, not an emoji: many systems have no emoji font. */}
        <svg aria-hidden="true" width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2">
          <rect x="9" y="3" width="6" height="11" rx="3" />
          <path d="M5 11a7 7 0 0 0 14 0M12 18v3M8 21h8" />
        </svg>
      </button>
      <meter
        className="voice-level"
        data-testid="voice-level"
        aria-label={strings.level}
        min={0}
        max={1}
        value={level}
        hidden={phase !== 'listening'}
      />
      <button type="button" className="voice-file" data-testid="voice-file-button" aria-label={strings.pickFile} onClick={() => fileRef.current?.click()} disabled={phase !== 'idle'}>
        <svg aria-hidden="true" width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2">
          <path d="M9 18V6l10-2v12" />
          <circle cx="6.5" cy="18" r="2.5" />
          <circle cx="16.5" cy="16" r="2.5" />
        </svg>
      </button>
      <input
        ref={fileRef}
        type="file"
        accept="audio/*,.wav,.mp3,.ogg,.webm,.m4a"
        hidden
        data-testid="voice-file-input"
        onChange={(e) => {
          transcribeFile(e.target.files?.[0]);
          e.target.value = '';
        }}
      />
      <span className="voice-status" aria-live="polite" data-testid="voice-status" data-phase={phase} data-engine={engine ?? ''}>
        {phase === 'listening' ? strings.listening : phase === 'working' ? strings.recognising : message}
      </span>
      {error && phase === 'idle' && (
        <span className="voice-error error" role="alert" data-testid="error" data-code={error.code}>
          {error.message}
        </span>
      )}
    </div>
  );
}
