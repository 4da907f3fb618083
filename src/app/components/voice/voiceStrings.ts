/** Strings of the voice button (en, zh); kept beside the component so it can be mounted anywhere. */
export const VOICE_STRINGS = {
  en: {
    start: 'Voice search: press and speak',
    stop: 'Voice search: listening, press to stop',
    working: 'Voice search: recognising',
    listening: 'Listening…',
    recognising: 'Recognising…',
    pickFile: 'Search with an audio file',
    heardBy: (engine: string) => (engine === 'whisper' ? 'Heard by Whisper' : 'Heard by the instant recogniser (English)'),
    level: 'Microphone level',
  },
  zh: {
    start: '语音搜索 Voice：按下后说话',
    stop: '语音搜索 Voice：正在听，按下停止',
    working: '语音搜索 Voice：正在识别',
    listening: '正在听…',
    recognising: '正在识别…',
    pickFile: '用音频文件搜索',
    heardBy: (engine: string) => (engine === 'whisper' ? '由 Whisper 识别' : '由即时识别器识别（英语）'),
    level: '麦克风音量',
  },
} as const;
