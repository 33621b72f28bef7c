// The routing feature's face to the shell: the agent's status in the header, and what wants them (offers, messages).
export { PresenceSwitch } from './PresenceSwitch';
export { RoutingAttention } from './RoutingAttention';
