#!/usr/bin/env python3
"""The relay's forwarding state from a heap dump of the server, to tell a stalled relay session from a slow one.

    jcmd <server pid> GC.heap_dump /tmp/server.hprof      (bench/relay/work/runs/<run>/server.pid)
    python3 bench/relay/relay-state.py /tmp/server.hprof

Prints every io.helmdesk.relay.internal.Side (role, its `suspended` flag, bytes forwarded) with its MINA session
(readSuspended, writeSuspended, scheduledWriteBytes, closing) and the interest set of the session's SelectionKey
(1 = OP_READ, 4 = OP_WRITE). A side whose flags say "reading" (suspended=0, readSuspended=False) while its key has no
OP_READ is stalled for good: nothing will ever read from it again. Plain Python 3, no packages; HPROF with 8-byte ids."""
import struct, sys, mmap

path = sys.argv[1]
f = open(path, 'rb')
m = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
end = m.find(b'\0')
ids = struct.unpack('>I', m[end + 1:end + 5])[0]
assert ids == 8
pos = end + 1 + 4 + 8
strings = {}
class_names = {}
classes = {}      # class id -> (super id, [(name, type)])
instances = {}    # object id -> (class id, offset, length)
SIZES = {2: 8, 4: 1, 5: 2, 6: 4, 7: 8, 8: 1, 9: 2, 10: 4, 11: 8}
def rid(p): return struct.unpack('>Q', m[p:p + 8])[0]
n = len(m)
while pos < n:
    tag = m[pos]; length = struct.unpack('>I', m[pos + 5:pos + 9])[0]; body = pos + 9
    if tag == 0x01:
        strings[rid(body)] = m[body + 8:body + length].decode('utf-8', 'replace')
    elif tag == 0x02:
        class_names[rid(body + 4)] = rid(body + 16)
    elif tag in (0x0C, 0x1C):
        p = body; e = body + length
        while p < e:
            sub = m[p]; p += 1
            if sub == 0xFF: p += 8
            elif sub == 0x01: p += 16
            elif sub == 0x02: p += 16
            elif sub == 0x03: p += 16
            elif sub == 0x04: p += 12
            elif sub == 0x05: p += 8
            elif sub == 0x06: p += 12
            elif sub == 0x07: p += 8
            elif sub == 0x08: p += 16
            elif sub == 0x20:
                cid = rid(p); sup = rid(p + 12); p += 8 + 4 + 8 * 6 + 4
                cp = struct.unpack('>H', m[p:p + 2])[0]; p += 2
                for _ in range(cp):
                    t = m[p + 2]; p += 3 + SIZES[t]
                st = struct.unpack('>H', m[p:p + 2])[0]; p += 2
                for _ in range(st):
                    t = m[p + 8]; p += 9 + SIZES[t]
                fc = struct.unpack('>H', m[p:p + 2])[0]; p += 2
                fields = []
                for _ in range(fc):
                    fields.append((rid(p), m[p + 8])); p += 9
                classes[cid] = (sup, fields)
            elif sub == 0x21:
                oid = rid(p); cid = rid(p + 12); nb = struct.unpack('>I', m[p + 20:p + 24])[0]
                instances[oid] = (cid, p + 24, nb); p += 24 + nb
            elif sub == 0x22:
                ne = struct.unpack('>I', m[p + 12:p + 16])[0]; p += 24 + ne * 8
            elif sub == 0x23:
                ne = struct.unpack('>I', m[p + 12:p + 16])[0]; t = m[p + 16]; p += 17 + ne * SIZES[t]
            else:
                raise SystemExit('unknown sub-record %x at %d' % (sub, p))
    pos = body + length

def cname(cid): return strings.get(class_names.get(cid), '?')
def fields_of(oid):
    cid, off, nb = instances[oid]
    out = {}; c = cid; p = off
    while c and c in classes:
        sup, fields = classes[c]
        for name_id, t in fields:
            size = SIZES[t]; raw = m[p:p + size]; p += size
            name = strings.get(name_id, '?')
            if t == 2: v = struct.unpack('>Q', raw)[0]
            elif t == 4: v = raw[0] != 0
            elif t == 10: v = struct.unpack('>i', raw)[0]
            elif t == 11: v = struct.unpack('>q', raw)[0]
            else: v = raw
            out.setdefault(name, v)
        c = sup
    return out
def value(oid):  # AtomicBoolean / AtomicInteger / AtomicLong
    return fields_of(oid).get('value') if oid in instances else None

for oid, (cid, off, nb) in instances.items():
    if cname(cid) != 'io/helmdesk/relay/internal/Side':
        continue
    s = fields_of(oid)
    session = fields_of(s['session'])
    role = fields_of(s['role']).get('ordinal')
    print('Side %x role=%s suspended=%s forwarded=%s peer=%x | session id=%s readSuspended=%s writeSuspended=%s '
          'scheduledWriteBytes=%s scheduledForFlush=%s closing=%s | key interestOps=%s (1 read, 4 write)' % (
        oid, {0: 'AGENT', 1: 'CONSOLE'}.get(role, role),
        value(s['suspended']), value(s['forwarded']), s['peer'], session.get('sessionId'),
        session.get('readSuspended'), session.get('writeSuspended'), value(session.get('scheduledWriteBytes')),
        value(session.get('scheduledForFlush')), session.get('closing'),
        fields_of(session['key']).get('interestOps') if session.get('key') in instances else None))
