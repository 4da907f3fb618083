import { readFileSync } from 'node:fs';
import { decodeWav, resample } from './src/core/voice/audio';
import { loadNodeSphinxModule } from './scripts/voice/nodeSphinx';
const clips = readFileSync('../shared/data/voice-dev/manifest.tsv','utf8').trim().split('\n').map(l=>l.split('\t')).filter(r=>r[1]==='en');
const m: any = await loadNodeSphinxModule();
const lwArg = Number(process.argv[2]);
const d = new m.Decoder({loglevel:'FATAL', samprate:16000, beam:1e-40, wbeam:1e-30, pbeam:1e-40, ...JSON.parse(process.argv[3]??'{}')});
await d.initialize();
d.add_words(['hoodie','HH UH D IY']);
const h = d.cdecoder; const lm = m._decoder_logmath(h);
const str = (t: string) => { const b = new TextEncoder().encode(t); const p = m._malloc(b.length+1); m.HEAPU8.set(b,p); m.HEAPU8[p+b.length]=0; return p; };
// chain FSG of sentences
let n = 1; const arcs: any[] = [];
const FINAL = 999;
for (const c of clips) { const ws = c[2].split(' '); let s = 0; ws.forEach((w, i) => { const to = i === ws.length-1 ? FINAL : n++; arcs.push([s,to,w, i===0?0.1:1]); s = to; }); }
const fsg = m._fsg_model_init(str('x'), lm, lwArg, 1000);
m._fsg_set_states(fsg, 0, FINAL);
for (const [f,t,w,p] of arcs) { const wid = m._fsg_model_word_add(fsg, str(w)); m._fsg_model_trans_add(fsg, f, t, Math.round(m._logmath_log(lm,p)*lwArg), wid); }
console.log('set', m._decoder_set_fsg(h, fsg));
const out = [];
for (const c of clips) { let a = decodeWav(new Uint8Array(readFileSync('../shared/data/voice-dev/'+c[3]))).samples; if (process.env.SR8) a = resample(a,16000,8000); if (process.env.PAD) { const p=Math.round(16000*Number(process.env.PAD)); const x=new Float32Array(a.length+2*p); x.set(a,p); for(let i=0;i<x.length;i++) x[i]+=(Math.random()-0.5)*Number(process.env.DITHER??0); a=x; } d.start(); if (process.argv[4]) d.process_audio(a,false,true); else for (let i=0;i<a.length;i+=2048) d.process_audio(a.subarray(i,i+2048)); d.stop(); out.push(d.get_text()); }
console.log(out.join(' | '));
