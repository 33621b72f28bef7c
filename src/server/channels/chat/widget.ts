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
  .card { align-self: stretch; border: 1px solid #bcc6d2; border-radius: 12px; padding: 12px; background: #f8fafc; display: flex; flex-direction: column; gap: 8px; }
  .card p { margin: 0; }
  .scale { display: grid; grid-template-columns: repeat(6, 1fr); gap: 6px; }
  .scale button { min-height: 44px; padding: 0; background: #fff; color: #0b5cad; border: 2px solid #0b5cad; font-weight: 600; }
  .scale button[aria-pressed="true"] { background: #0b5cad; color: #fff; }
  .ends { display: flex; justify-content: space-between; font-size: 13px; color: #555; }
  .card textarea { min-height: 60px; }
  .card a { color: #0b5cad; }
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
  // a survey message (issue 18): answered in place. Tap 0-10, optionally write, send; the server counts it once
  // and says so (409 answered, 410 closed, 404 not valid). The full page, with the other questions, is one tap away.
  function surveyCard(m) {
    if (!firstTime('survey:' + m.id)) return;
    var tx = m.survey.texts || {};
    var card = document.createElement('div');
    card.className = 'card';
    card.setAttribute('data-testid', 'survey-card');
    var q = document.createElement('p');
    q.id = 'survey-q-' + m.id;
    q.textContent = tx.nps || '';
    card.appendChild(q);
    var scale = document.createElement('div');
    scale.className = 'scale';
    scale.setAttribute('role', 'group');
    scale.setAttribute('aria-labelledby', q.id);
    var chosen = null;
    for (var n = 0; n <= 10; n++) {
      (function (v) {
        var b = document.createElement('button');
        b.type = 'button';
        b.textContent = String(v);
        b.setAttribute('aria-pressed', 'false');
        b.setAttribute('data-nps', String(v));
        b.addEventListener('click', function () {
          chosen = v;
          Array.prototype.forEach.call(scale.children, function (x) { x.setAttribute('aria-pressed', String(x === b)); });
        });
        scale.appendChild(b);
      })(n);
    }
    card.appendChild(scale);
    var ends = document.createElement('div');
    ends.className = 'ends';
    (tx.npsEnds || []).forEach(function (e) { var s = document.createElement('span'); s.textContent = e; ends.appendChild(s); });
    card.appendChild(ends);
    var comment = document.createElement('textarea');
    comment.maxLength = 4000;
    comment.setAttribute('aria-label', tx.comment || '');
    comment.placeholder = tx.comment || '';
    comment.setAttribute('data-testid', 'survey-comment');
    card.appendChild(comment);
    var send = document.createElement('button');
    send.type = 'button';
    send.textContent = tx.send || 'Send';
    card.appendChild(send);
    var more = document.createElement('a');
    more.href = m.survey.path;
    more.target = '_blank';
    more.rel = 'noopener noreferrer';
    more.textContent = tx.more || '';
    card.appendChild(more);
    var said = document.createElement('p');
    said.setAttribute('role', 'status');
    said.setAttribute('data-testid', 'survey-card-status');
    card.appendChild(said);
    send.addEventListener('click', function () {
      var body = new URLSearchParams();
      if (chosen !== null) body.set('nps', String(chosen));
      if (comment.value.trim()) body.set('comment', comment.value);
      if (chosen === null && !comment.value.trim()) { said.textContent = tx.bad || ''; return; }
      send.disabled = true;
      fetch(m.survey.path, { method: 'POST', body: body, credentials: 'omit' }).then(function (res) {
        var done = res.status === 200 || res.status === 409 || res.status === 410 || res.status === 404;
        said.textContent = res.status === 200 ? ((chosen !== null && chosen <= 6) ? tx.thanksDetractor : tx.thanks)
          : res.status === 409 ? tx.answered : res.status === 410 ? tx.expired : res.status === 404 ? tx.invalid : tx.bad;
        if (done) { scale.hidden = true; ends.hidden = true; comment.hidden = true; send.hidden = true; more.hidden = true; card.setAttribute('data-answered', 'true'); }
        else send.disabled = false;
      }, function () { send.disabled = false; said.textContent = 'Not sent: try again'; });
    });
    log.appendChild(card);
    log.scrollTop = log.scrollHeight;
  }
  function show(m) {
    add(m.from, m.text, m.id);
    if (m.survey && m.survey.path) surveyCard(m);
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
    (items || []).forEach(show);
  });
  socket.on('chat:message', function (m) { typingEl.textContent = ''; show(m); });
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
