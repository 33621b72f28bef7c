/**
 * How many message ids the widget remembers to drop repeats (an agent reply re-sent with the same event id after
 * a server crash, a history replayed on reconnect): a bounded Set, oldest forgotten first (issue 9).
 */
export const WIDGET_SEEN_LIMIT = 1000;

/**
 * The customer chat widget page (`GET /chat/widget`): plain HTML and a small script, no framework.
 * Everything the server or the customer wrote is put on the page with textContent, never innerHTML.
 */
export function widgetHtml(): string {
  const limit = String(WIDGET_SEEN_LIMIT);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Support chat</title>
<style>
  body { font: 15px/1.4 system-ui, sans-serif; margin: 0; background: #f4f6f8; }
  main { max-width: 420px; margin: 0 auto; height: 100vh; display: flex; flex-direction: column; background: #fff; }
  header { padding: 12px 16px; background: #0b5cad; color: #fff; font-weight: 600; }
  #status { font-weight: 400; font-size: 13px; opacity: .9; }
  #log { flex: 1; overflow-y: auto; padding: 12px; display: flex; flex-direction: column; gap: 8px; }
  .msg { max-width: 80%; padding: 8px 12px; border-radius: 12px; white-space: pre-wrap; word-break: break-word; }
  .customer { align-self: flex-end; background: #0b5cad; color: #fff; }
  .agent { align-self: flex-start; background: #e7ebf0; }
  .note { align-self: center; color: #555; font-size: 13px; }
  #typing { min-height: 18px; padding: 0 12px; color: #666; font-size: 13px; }
  form { display: flex; gap: 8px; padding: 12px; border-top: 1px solid #ddd; flex-wrap: wrap; }
  input, textarea { flex: 1; font: inherit; padding: 8px; border: 1px solid #bbb; border-radius: 6px; }
  button { font: inherit; padding: 8px 14px; border: 0; border-radius: 6px; background: #0b5cad; color: #fff; }
  [hidden] { display: none !important; }
</style>
</head>
<body>
<main>
  <header>Support chat <div id="status">Connecting…</div></header>
  <div id="log" aria-live="polite" data-testid="chat-log"></div>
  <div id="typing" data-testid="chat-typing"></div>
  <form id="chat-form" hidden>
    <input id="name" name="name" placeholder="Your name (optional)" autocomplete="name" maxlength="200">
    <div style="display:flex; gap:8px; width:100%">
      <input id="text" name="text" placeholder="Type a message" autocomplete="off" maxlength="5000" aria-label="Message">
      <button type="submit">Send</button>
    </div>
  </form>
  <form id="offline-form" hidden>
    <p style="margin:0 0 4px; width:100%">No agent is online right now. Leave a message and your email, and we will answer by email.</p>
    <input id="off-name" placeholder="Your name" maxlength="200" aria-label="Name">
    <input id="off-email" type="email" required placeholder="Email address" maxlength="254" aria-label="Email">
    <textarea id="off-text" required placeholder="Your message" maxlength="5000" rows="3" style="width:100%" aria-label="Your message"></textarea>
    <button type="submit">Leave message</button>
  </form>
</main>
<script src="/chat/socket.io.min.js"></script>
<script>
(function () {
  var KEY = 'omnidesk.chat.session';
  var log = document.getElementById('log');
  var statusEl = document.getElementById('status');
  var typingEl = document.getElementById('typing');
  var chatForm = document.getElementById('chat-form');
  var offForm = document.getElementById('offline-form');
  var text = document.getElementById('text');
  // ids already on the page: a Set (no prototype keys: an id "constructor" is an id like any other), bounded
  var seen = new Set();
  var SEEN_LIMIT = ${limit};
  function firstTime(id) {
    if (seen.has(id)) return false;
    seen.add(id);
    if (seen.size > SEEN_LIMIT) seen.delete(seen.values().next().value);
    return true;
  }
  function add(kind, body, id) {
    if (id && !firstTime(String(id))) return;
    var div = document.createElement('div');
    div.className = 'msg ' + kind;
    div.setAttribute('data-from', kind);
    div.textContent = body; // text only: markup is shown, never run
    log.appendChild(div);
    log.scrollTop = log.scrollHeight;
  }
  function uuid() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    return 'xxxxxxxx-xxxx-4xxx-8xxx-xxxxxxxxxxxx'.replace(/x/g, function () { return (Math.random() * 16 | 0).toString(16); });
  }
  var socket = io('/chat', { auth: { session: localStorage.getItem(KEY) || '' }, transports: ['websocket'] });
  socket.on('chat:session', function (s) {
    localStorage.setItem(KEY, s.token);
    socket.auth = { session: s.token };
  });
  socket.on('chat:status', function (s) {
    statusEl.textContent = s.agentsOnline ? 'An agent is online' : 'No agent online';
    chatForm.hidden = !s.agentsOnline && !s.conversation;
    offForm.hidden = !chatForm.hidden;
  });
  socket.on('chat:history', function (items) {
    (items || []).forEach(function (m) { add(m.from, m.text, m.id); });
  });
  socket.on('chat:message', function (m) { typingEl.textContent = ''; add(m.from, m.text, m.id); });
  socket.on('chat:typing', function (t) { typingEl.textContent = t.typing ? 'Agent is typing…' : ''; });
  socket.on('connect', function () { statusEl.textContent = 'Connected'; });
  socket.on('disconnect', function () { statusEl.textContent = 'Reconnecting…'; });
  // the server's flood guard said no (too many chats, too fast, a check to pass): say so plainly
  socket.on('connect_error', function (err) {
    statusEl.textContent = (err && err.data && err.data.message) || 'Cannot connect right now; please try again later.';
  });
  socket.on('chat:error', function (e) { add('note', (e && e.message) || 'Please wait a moment.'); });
  var typingTimer = null;
  text.addEventListener('input', function () {
    if (!typingTimer) socket.emit('chat:typing', { typing: true });
    clearTimeout(typingTimer);
    typingTimer = setTimeout(function () { typingTimer = null; socket.emit('chat:typing', { typing: false }); }, 1500);
  });
  chatForm.addEventListener('submit', function (ev) {
    ev.preventDefault();
    var body = text.value;
    if (!body.trim()) return;
    var id = uuid();
    text.value = '';
    // sending ends "typing": the next keystroke announces typing again (the first announcement may have
    // come before the conversation existed, when there was nobody to tell)
    if (typingTimer) { clearTimeout(typingTimer); typingTimer = null; socket.emit('chat:typing', { typing: false }); }
    add('customer', body, id);
    socket.emit('chat:message', { id: id, text: body, name: document.getElementById('name').value }, function (ack) {
      if (!ack || !ack.ok) add('note', 'Not sent: ' + ((ack && ack.error && ack.error.message) || 'try again'));
    });
  });
  offForm.addEventListener('submit', function (ev) {
    ev.preventDefault();
    var id = uuid();
    socket.emit('chat:offline', { id: id, name: document.getElementById('off-name').value, email: document.getElementById('off-email').value, text: document.getElementById('off-text').value }, function (ack) {
      if (ack && ack.ok) { offForm.hidden = true; add('note', 'Thank you. We will answer by email.'); }
      else add('note', 'Not sent: ' + ((ack && ack.error && ack.error.message) || 'try again'));
    });
  });
})();
</script>
</body>
</html>`;
}
