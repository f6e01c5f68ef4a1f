'use strict';
// Shows the answer of /api/v1/health and keeps it current.

function formatDuration(seconds) {
  const days = Math.floor(seconds / 86400);
  const hours = Math.floor((seconds % 86400) / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const parts = [];
  if (days) parts.push(days + ' d');
  if (days || hours) parts.push(hours + ' h');
  if (days || hours || minutes) parts.push(minutes + ' min');
  parts.push((seconds % 60) + ' s');
  return parts.join(' ');
}

function show(id, text) {
  document.getElementById(id).textContent = text;
}

function showStatus(kind, text) {
  const status = document.getElementById('status');
  status.className = 'status ' + kind;
  status.textContent = text;
}

async function refresh() {
  try {
    const response = await fetch('/api/v1/health', { headers: { Accept: 'application/json' }, cache: 'no-store' });
    const health = await response.json();
    const db = health.database;
    showStatus(health.status === 'UP' ? 'up' : 'down',
      health.status === 'UP' ? 'The server is up' : 'The server runs, but its database does not answer');
    show('version', health.version);
    show('uptime', formatDuration(health.uptimeSeconds));
    show('database', db.status === 'UP' ? db.product + ' ' + db.productVersion : 'Down: ' + db.message);
    show('schema', String(db.schemaVersion));
  } catch (error) {
    showStatus('down', 'The server does not answer: ' + error.message);
  }
}

refresh();
setInterval(refresh, 5000);
