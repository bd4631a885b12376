import type { WebSocket } from 'ws';
import type { HubToConsole, HubToTerminal } from '../../contract/hub';

export const OPEN = 1; // WebSocket.OPEN

/** Sends to one socket if it is open; a closing socket just misses the frame. */
export function send(socket: WebSocket, message: HubToConsole | HubToTerminal): void {
  if (socket.readyState === OPEN) socket.send(JSON.stringify(message));
}
