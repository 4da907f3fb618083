/**
 * AudioWorklet processor for voice capture: copies each 128-frame quantum of the first input
 * channel (mixed down when stereo) and posts blocks of ~2048 samples to the port it was handed,
 * which leads straight to the voice worker. No processing here: the audio thread must never stall.
 */
declare function registerProcessor(name: string, ctor: unknown): void;
declare class AudioWorkletProcessor {
  readonly port: MessagePort;
}

const BLOCK = 2048;
export {};

class VoiceCaptureProcessor extends AudioWorkletProcessor {
  private target: MessagePort | null = null;
  private block = new Float32Array(BLOCK);
  private filled = 0;

  constructor() {
    super();
    this.port.onmessage = (event: MessageEvent<{ port?: MessagePort; stop?: boolean }>) => {
      if (event.data.port) this.target = event.data.port;
      if (event.data.stop) this.target = null;
    };
  }

  process(inputs: Float32Array[][]): boolean {
    const channels = inputs[0];
    if (!channels || channels.length === 0 || !this.target) return true;
    const frames = channels[0].length;
    for (let i = 0; i < frames; i++) {
      let sum = 0;
      for (const channel of channels) sum += channel[i];
      this.block[this.filled++] = sum / channels.length;
      if (this.filled === BLOCK) {
        const full = this.block;
        this.target.postMessage(full, [full.buffer]);
        this.block = new Float32Array(BLOCK);
        this.filled = 0;
      }
    }
    return true;
  }
}

registerProcessor('sou-voice-capture', VoiceCaptureProcessor);
