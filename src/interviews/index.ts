// The interviews module's public surface for other modules (see .dependency-cruiser.cjs).
export { detectAudioFormat } from './session/audio-format';
