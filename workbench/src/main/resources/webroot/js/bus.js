// The server's event bus, bridged by Vert.x Web's SockJS handler. We speak the bridge's
// protocol over SockJS's raw WebSocket transport (/eventbus/websocket): JSON text frames
// {type: 'register'|'unregister'|'ping', address, headers} out, {type: 'rec', address, body} in.
// That is all the page needs (outbound events only), so no client library is shipped.

const PING_MS = 5000;
const RETRY_MS = 1000;

export class Bus {
  constructor(token, onState) {
    this.token = token;
    this.onState = onState;
    this.handlers = new Map();
    this.socket = null;
    this.decoder = new TextDecoder();
    this.open();
  }

  open() {
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    // The token goes in each registration's headers, where the bridge checks it.
    const url = `${scheme}://${location.host}/eventbus/websocket`;
    const socket = new WebSocket(url);
    socket.binaryType = 'arraybuffer';
    this.socket = socket;
    socket.onopen = () => {
      for (const address of this.handlers.keys()) {
        this.send({ type: 'register', address });
      }
      this.pinger = setInterval(() => this.send({ type: 'ping' }), PING_MS);
      this.onState(true);
    };
    // The bridge sends its JSON as binary frames.
    socket.onmessage = (frame) => this.receive(JSON.parse(typeof frame.data === 'string' ? frame.data : this.decoder.decode(frame.data)));
    socket.onclose = () => {
      clearInterval(this.pinger);
      this.onState(false);
      setTimeout(() => this.open(), RETRY_MS);
    };
  }

  send(frame) {
    if (this.socket.readyState === WebSocket.OPEN) {
      this.socket.send(JSON.stringify({ ...frame, headers: { Authorization: `Bearer ${this.token}` } }));
    }
  }

  receive(frame) {
    if (frame.type === 'err') {
      console.warn('bus:', frame.body);
      return;
    }
    const list = this.handlers.get(frame.address) || [];
    const body = typeof frame.body === 'string' ? JSON.parse(frame.body) : frame.body;
    for (const handler of list) {
      handler(body, frame.address);
    }
  }

  /** Calls handler(body, address) for each message on address; answers a function that stops it. */
  subscribe(address, handler) {
    let list = this.handlers.get(address);
    if (!list) {
      list = [];
      this.handlers.set(address, list);
      this.send({ type: 'register', address });
    }
    list.push(handler);
    return () => {
      list.splice(list.indexOf(handler), 1);
      if (list.length === 0) {
        this.handlers.delete(address);
        this.send({ type: 'unregister', address });
      }
    };
  }
}

/** The address journal events of a space are published on (bus BusAddress). */
export function spaceAddress(spaceId, kind) {
  return kind ? `ozw.space.${spaceId}.${kind}` : `ozw.space.${spaceId}`;
}
