// The auth module's public surface for other modules, beside its module, services and presenters
// (see .dependency-cruiser.cjs).
export { InterviewGuestAccess } from './guards/interview-guest-access';
