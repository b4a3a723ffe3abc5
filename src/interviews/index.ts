// The interviews module's public surface for other modules (see .dependency-cruiser.cjs).
export { detectAudioFormat } from './session/audio-format';
export type { AudioFormat } from './session/audio-format';
// Types other modules name, without importing the entities.
export type { ScoringStatus } from './entities/interview-answer.entity';
export type { InterviewStatus, VideoChoice } from './entities/interview.entity';
