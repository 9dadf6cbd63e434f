export { decodeMulaw, encodeMulaw, decodeAlaw, encodeAlaw } from './g711.js';
export { decodeAudio, encodeAudio, pcm16leToInt16, int16ToPcm16le, int16ToFloat, floatToInt16, bytesPerSample } from './pcm.js';
export { Resampler, resample } from './resample.js';
export { deinterleave, interleave } from './interleave.js';
export { TwilioDecoder, isTwilioMulaw, twilioTrackSpecs, TWILIO_TRACK_ROLE, type TwilioCommand, type TwilioDecoded } from './twilio.js';
export { TwilioEncoder, type TwilioStreamIds } from './twilio-encode.js';
export { AudiohookServerSession, selectAudiohookMedia, type AudiohookStep, type AudiohookState, type SelectedMedia } from './audiohook.js';
export { durationToSeconds, secondsToDuration } from './audiohook-duration.js';
export { decodeForkMetadata, decodeForkAudio, parseSampleRate, type ForkStart, type ForkFlavour } from './fork.js';
