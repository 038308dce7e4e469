package io.tandem.engine.control;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The operator's page at {@code GET /}, kept open for weeks: one self-contained document that polls
 * {@code status} every second: phase, lag over the last hour, throughput, tables, verification, the readiness of
 * the next switch (cutover or failback, each gate with its reason), the log of the latest switch and the way back
 * (reverse replication: its mode, slot, retained WAL, lag, rogue writes and findings) and the tables being copied
 * again (resyncs: progress, copy position, whether the stream waits for the copy; hidden when there are none).
 * No external assets, so it works on an air-gapped host; values go in through textContent, never innerHTML,
 * because table names and error messages come from the databases.
 */
final class StatusPage {

    private static final String STYLE = """
            body{font:14px system-ui,sans-serif;margin:2em auto;max-width:72em;padding:0 1em;color:#222}
            h1{font-size:1.4em}h2{font-size:1.1em;margin-top:1.5em}
            dl{display:grid;grid-template-columns:max-content auto;gap:.3em 1.2em}dt{color:#666}dd{margin:0}
            table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.3em .6em;border-bottom:1px solid #ddd}
            td.n{text-align:right;font-variant-numeric:tabular-nums}
            .bar{background:#eee;height:.8em;width:12em;border-radius:.2em;overflow:hidden}.bar>div{background:#2a8;height:100%}
            #error{color:#b00;white-space:pre-wrap}#stale{color:#b60;min-height:1.2em}canvas{border:1px solid #ddd}
            .ok{color:#080;font-weight:600}.fail{color:#b00;font-weight:600}.badge{padding:.1em .5em;border-radius:.3em}
            .badge.ok{background:#dfd}.badge.fail{background:#fdd}.grid{display:flex;gap:2em;flex-wrap:wrap}
            .none{color:#666}
            """;

    private static final String SCRIPT = """
            'use strict';
            const $ = id => document.getElementById(id);
            const rates = [];
            const num = n => n == null ? '\\u2013' : Math.round(n).toLocaleString();
            function secs(s) {
              if (s == null) return 'unknown';
              if (s < 60) return s.toFixed(s < 10 ? 2 : 0) + ' s';
              const m = Math.floor(s / 60);
              return m < 60 ? m + ' m ' + Math.round(s % 60) + ' s' : Math.floor(m / 60) + ' h ' + (m % 60) + ' m';
            }
            const ms = v => v == null ? '\\u2013' : v.toFixed(1) + ' ms';
            function cell(row, text, cls) { const td = row.insertCell(); td.textContent = text; if (cls) td.className = cls; }
            function bar(row, t) {
              const done = t.state === 'COPIED' || t.state === 'STREAMING';
              const pct = done ? 100 : t.rowsEstimated > 0 ? Math.min(99, 100 * t.rowsDone / t.rowsEstimated) : 0;
              const outer = document.createElement('div'), inner = document.createElement('div');
              outer.className = 'bar'; outer.title = Math.floor(pct) + '%'; inner.style.width = pct + '%';
              outer.append(inner); row.insertCell().append(outer);
            }
            function chart(id, values, slots, label) {
              const c = $(id), g = c.getContext('2d'), known = values.filter(v => v != null);
              const max = Math.max(label === 'lag' ? 1 : 10, ...known);
              g.clearRect(0, 0, c.width, c.height); g.strokeStyle = '#2a8'; g.beginPath();
              values.forEach((v, i) => {
                if (v == null) return;
                const x = c.width * (slots - values.length + i) / Math.max(1, slots - 1);
                const y = c.height - 2 - (c.height - 4) * v / max;
                i === 0 || values[i - 1] == null ? g.moveTo(x, y) : g.lineTo(x, y);
              });
              g.stroke();
              return max;
            }
            function badge(el, ok, text) { el.textContent = text; el.className = 'badge ' + (ok ? 'ok' : 'fail'); }
            function renderVerify(v) {
              $('verify-state').textContent = v == null ? 'not run yet' : (v.state ?? '');
              const body = $('verify'); body.replaceChildren();
              if (v == null) return;
              const facts = [['state', v.state], ['mode', v.mode], ['passes completed', v.passes]];
              if (v.progress) for (const [k, val] of Object.entries(v.progress)) {
                if (val != null && typeof val !== 'object') facts.push(['running pass: ' + k, val]);
              }
              if (v.last) facts.push(['last pass', v.last.verdict + ': ' + num(v.last.rows) + ' rows in '
                  + (v.last.millis / 1000).toFixed(1) + ' s, ' + num(v.last.differenceCount) + ' difference(s), '
                  + (v.last.unsettled ?? []).length + ' unsettled' + (v.last.error ? ' \\u2013 ' + v.last.error : '')]);
              for (const [k, val] of facts) { const row = body.insertRow(); cell(row, k); cell(row, String(val)); }
              const diffs = $('differences'); diffs.replaceChildren();
              for (const d of (v.last?.differences ?? []).slice(0, 50)) {
                const row = diffs.insertRow();
                const key = d.key ? Object.entries(d.key).map(([k, val]) => k + '=' + val).join(', ') : '';
                cell(row, d.table ?? ''); cell(row, key); cell(row, d.column ?? d.kind ?? '');
                cell(row, d.sourceValue ?? ''); cell(row, d.targetValue ?? '');
              }
            }
            const DATABASE = {MYSQL: 'MySQL', POSTGRES: 'PostgreSQL'};
            const lower = t => (t ?? '').toLowerCase();
            function bytes(n) {
              if (n == null) return '\\u2013';
              const k = 1024;
              return n >= k ** 3 ? (n / k ** 3).toFixed(1) + ' GiB' : n >= k * k ? (n / k / k).toFixed(1) + ' MiB'
                  : Math.ceil(n / k) + ' KiB';
            }
            function facts(body, rows) {
              body.replaceChildren();
              for (const [k, val, cls] of rows) { const row = body.insertRow(); cell(row, k); cell(row, String(val), cls); }
            }
            function renderWayBack(f) {
              const rogue = $('rogue'), findings = $('findings');
              rogue.replaceChildren(); findings.replaceChildren();
              if (f == null) {
                $('wayback-state').textContent = 'not enabled (failback.enabled: false): the cutover is one-way';
                $('wayback-state').className = 'none'; $('wayback').replaceChildren();
                $('rogue-none').textContent = ''; $('findings-none').textContent = '';
                return;
              }
              const streaming = f.phase === 'STREAMING' && f.state === 'STREAMING';
              badge($('wayback-state'), streaming && !f.retainedWalAlarm, f.phase + (streaming ? ', ' + f.mode : ''));
              const rows = [['phase', f.phase + (f.reason ? ' \\u2013 ' + f.reason : ''), f.reason ? 'fail' : null],
                ['mode', f.mode === 'SHADOW' ? 'SHADOW: only heartbeats are applied; any other write on PostgreSQL is'
                    + ' a rogue write' : f.mode + ': PostgreSQL\\u2019s writes are applied to MySQL'],
                ['reverse stream', f.state], ['slot', f.slot ?? 'not created yet']];
              if ((f.slotBlockers ?? []).length) {
                rows.push(['slot creation waits for', f.slotBlockers.join('; ') + ' (open write transactions)', 'fail']);
              }
              rows.push(['retained WAL', bytes(f.retainedWalBytes) + (f.retainedWalAlarm
                  ? ' \\u2013 above failback.max-retained-wal' : ''), f.retainedWalAlarm ? 'fail' : null],
                ['reverse lag (heartbeat)', secs(f.lagSeconds) + ', p99 ' + secs(f.lagP99Seconds)],
                ['applied position', f.appliedPosition ?? 'none yet'],
                ['confirmed flush LSN', f.confirmedFlushLsn ?? '\\u2013'],
                ['forward events filtered', num(f.forwardEventsFiltered)],
                ['rogue writes', num(f.rogueWrites), f.rogueWrites > 0 ? 'fail' : null],
                ['heartbeat write failures', num(f.heartbeatFailures)]);
              facts($('wayback'), rows);
              for (const w of (f.recentRogueWrites ?? []).slice().reverse()) {
                const row = rogue.insertRow();
                cell(row, w.relation); cell(row, w.operation); cell(row, w.lsn);
                cell(row, w.commitTime == null ? '' : new Date(w.commitTime).toLocaleString());
              }
              $('rogue-none').textContent = (f.recentRogueWrites ?? []).length ? '' : 'none';
              for (const finding of f.findings ?? []) cell(findings.insertRow(), finding);
              $('findings-none').textContent = (f.findings ?? []).length ? '' : 'none';
            }
            const FINISHED = ['swapped', 'dropped'];
            const qualified = t => t == null ? '' : t.database + '.' + t.table;
            function renderResync(list) {
              const all = list ?? [], unfinished = all.filter(r => !FINISHED.includes(r.phase));
              $('resync-panel').hidden = all.length === 0;
              const held = unfinished.filter(r => r.streamHeldSince != null);
              $('resync-held').textContent = held.length ? 'the stream waits for a copy: every table\u2019s changes'
                  + ' are held behind it' : '';
              const running = $('resyncs'), done = $('resyncs-done');
              running.replaceChildren(); done.replaceChildren();
              for (const r of unfinished) {
                const row = running.insertRow();
                cell(row, qualified(r.table));
                cell(row, r.phase + (r.failure ? ' \u2013 ' + r.failure : ''), r.phase === 'failed' ? 'fail' : null);
                bar(row, {state: r.phase === 'copied' ? 'COPIED' : '', rowsDone: r.rowsCopied, rowsEstimated: r.estimatedRows});
                cell(row, num(r.rowsCopied) + ' / ' + (r.estimatedRows > 0 ? '~' + num(r.estimatedRows) : '\u2013'), 'n');
                cell(row, r.copyPosition ?? 'not taken yet');
                cell(row, r.streamHeldSince == null ? 'streaming'
                    : 'held since ' + new Date(r.streamHeldSince).toLocaleString() + ' ('
                      + secs(Math.max(0, Date.now() - Date.parse(r.streamHeldSince)) / 1000) + ')',
                    r.streamHeldSince == null ? null : 'fail');
                cell(row, r.reason);
              }
              $('resyncs-none').textContent = unfinished.length ? '' : 'none';
              for (const r of all.filter(r => FINISHED.includes(r.phase))) {
                const row = done.insertRow();
                cell(row, qualified(r.table));
                cell(row, r.phase === 'swapped' ? 'swapped in' : 'dropped: the table is gone from the source');
                cell(row, num(r.rowsCopied), 'n'); cell(row, new Date(r.requestedAt).toLocaleString()); cell(row, r.reason);
              }
              $('resyncs-done-none').textContent = done.rows.length ? '' : 'none yet';
            }
            function renderCutover(c, sw) {
              const next = lower(sw?.next ?? c?.direction ?? 'CUTOVER');
              $('readiness-title').textContent = next + ' readiness';
              $('primary').textContent = sw?.primary == null ? ''
                  : 'the application\\u2019s database: ' + (DATABASE[sw.primary] ?? sw.primary);
              const gates = $('gates'); gates.replaceChildren();
              const readiness = c?.readiness ?? [];
              for (const g of readiness) {
                const row = gates.insertRow();
                cell(row, g.ok ? 'ready' : 'not ready', g.ok ? 'ok' : 'fail'); cell(row, g.name); cell(row, g.reason);
              }
              const ready = readiness.length > 0 && readiness.every(g => g.ok);
              badge($('ready'), ready, readiness.length === 0 ? 'readiness unknown'
                  : next + (ready ? ' ready' : ' not ready'));
              $('attempt').textContent = c?.attempt == null ? 'no cutover or failback attempted yet'
                  : 'attempt ' + c.attempt + ' (' + lower(c.direction) + '): ' + c.state
                    + (c.reason ? ' \\u2013 ' + c.reason : '');
              $('window').textContent = c?.windowMillis == null ? '' : 'write-unavailable window ' + ms(c.windowMillis);
              const log = $('cutover-log'); log.replaceChildren();
              for (const step of c?.steps ?? []) {
                const row = log.insertRow();
                cell(row, step.name); cell(row, ms(step.millis), 'n'); cell(row, step.detail ?? '');
              }
            }
            function render(s) {
              $('phase').textContent = s.phase; $('since').textContent = new Date(s.since).toLocaleString();
              $('position').textContent = s.appliedPosition ?? 'none yet';
              $('lag').textContent = secs(s.lagSeconds);
              $('lag-pct').textContent = secs(s.lagP50Seconds) + ' / ' + secs(s.lagP99Seconds);
              $('gap').textContent = s.heartbeatSeqGap ?? '\\u2013';
              $('backlog').textContent = secs(s.applyBacklogSeconds);
              $('rate').textContent = num(s.eventsPerSecond);
              $('applied').textContent = num(s.eventsApplied); $('dead').textContent = num(s.deadLettered);
              $('ddl-skipped').textContent = num(s.ddlSkipped);
              $('error').textContent = s.lastError ?? 'none';
              const series = (s.lagSeries ?? []).map(p => p.maxLagSeconds);
              $('lag-max').textContent = 'scale 0\\u2013' + secs(chart('lag-chart', series, 720, 'lag'));
              rates.push(s.eventsPerSecond); if (rates.length > 300) rates.shift();
              $('rate-max').textContent = 'scale 0\\u2013' + num(chart('rate-chart', rates, 300, 'rate')) + ' events/s';
              const body = $('tables'); body.replaceChildren();
              for (const t of s.tables) {
                const row = body.insertRow();
                cell(row, t.table); cell(row, t.state); bar(row, t);
                cell(row, num(t.rowsDone) + ' / ' + num(t.rowsEstimated), 'n');
                cell(row, num(t.rowsPerSecond), 'n'); cell(row, t.etaSeconds == null ? '' : secs(t.etaSeconds), 'n');
              }
              const values = $('values'); values.replaceChildren();
              for (const v of s.values ?? []) {
                const row = values.insertRow();
                cell(row, v.table); cell(row, v.column); cell(row, v.reason); cell(row, v.action); cell(row, num(v.rows), 'n');
              }
              $('values-none').textContent = (s.values ?? []).length ? '' : 'none';
              renderVerify(s.verify); renderCutover(s.cutover, s.switch); renderWayBack(s.failback);
              renderResync(s.resync);
            }
            async function refresh() {
              try {
                const r = await fetch('status', {cache: 'no-store'});
                if (!r.ok) throw new Error('HTTP ' + r.status);
                render(await r.json()); $('stale').textContent = '';
              } catch (e) {
                $('stale').textContent = 'status unavailable (' + e.message + '); showing the last values';
              } finally {
                setTimeout(refresh, 1000);
              }
            }
            refresh();
            """;

    private static final String BODY = """
            <h1>tandem: <span id="phase">loading</span> <span id="ready" class="badge"></span></h1>
            <p id="stale"></p>
            <div class="grid"><dl>
            <dt>since</dt><dd id="since"></dd>
            <dt>lag (heartbeat)</dt><dd id="lag"></dd>
            <dt>lag p50 / p99, last minute</dt><dd id="lag-pct"></dd>
            <dt>heartbeats not yet applied</dt><dd id="gap"></dd>
            <dt>apply backlog</dt><dd id="backlog"></dd>
            <dt>applied position</dt><dd id="position"></dd>
            </dl><dl>
            <dt>events/s</dt><dd id="rate"></dd>
            <dt>events applied</dt><dd id="applied"></dd>
            <dt>dead-lettered rows</dt><dd id="dead"></dd>
            <dt>skipped schema changes</dt><dd id="ddl-skipped"></dd>
            <dt>last error</dt><dd id="error"></dd>
            </dl></div>
            <section id="resync-panel" hidden>
            <h2>tables being copied again (resync) <small id="resyncs-none"></small> <small id="resync-held" class="fail"></small></h2>
            <table><thead><tr><th>table</th><th>phase</th><th>progress</th><th>rows copied</th><th>copy position</th>
            <th>stream</th><th>reason</th></tr></thead><tbody id="resyncs"></tbody></table>
            <h2>finished resyncs, latest first <small id="resyncs-done-none"></small></h2>
            <table><thead><tr><th>table</th><th>outcome</th><th>rows copied</th><th>requested</th><th>reason</th></tr></thead>
            <tbody id="resyncs-done"></tbody></table>
            </section>
            <h2>lag, last hour <small id="lag-max"></small></h2>
            <canvas id="lag-chart" width="720" height="90"></canvas>
            <h2>throughput, since this page opened (up to 5 minutes) <small id="rate-max"></small></h2>
            <canvas id="rate-chart" width="720" height="60"></canvas>
            <h2 id="readiness-title">cutover readiness</h2>
            <p id="primary"></p>
            <table><thead><tr><th></th><th>check</th><th>reason</th></tr></thead><tbody id="gates"></tbody></table>
            <h2>log of the latest cutover or failback</h2>
            <p><span id="attempt"></span> <strong id="window"></strong></p>
            <table><thead><tr><th>step</th><th>took</th><th>detail</th></tr></thead><tbody id="cutover-log"></tbody></table>
            <h2>way back (PostgreSQL to MySQL): <span id="wayback-state"></span></h2>
            <table><tbody id="wayback"></tbody></table>
            <h2>rogue writes, latest first <small id="rogue-none"></small></h2>
            <table><thead><tr><th>relation</th><th>operation</th><th>LSN</th><th>committed</th></tr></thead>
            <tbody id="rogue"></tbody></table>
            <h2>the way back's checks that did not simply pass <small id="findings-none"></small></h2>
            <table><tbody id="findings"></tbody></table>
            <h2>verification: <span id="verify-state"></span></h2>
            <table><tbody id="verify"></tbody></table>
            <table><thead><tr><th>table</th><th>key</th><th>column</th><th>source</th><th>target</th></tr></thead>
            <tbody id="differences"></tbody></table>
            <h2>tables</h2>
            <table><thead><tr><th>table</th><th>state</th><th>progress</th><th>rows</th><th>rows/s</th><th>ETA</th></tr></thead>
            <tbody id="tables"></tbody></table>
            <h2>values changed or dead-lettered by policy (<code>values:</code>) <small id="values-none"></small></h2>
            <table><thead><tr><th>table</th><th>column</th><th>reason</th><th>action</th><th>rows</th></tr></thead>
            <tbody id="values"></tbody></table>
            """;

    private static final String HTML = "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>tandem</title>"
            + "<style>" + STYLE + "</style></head><body>\n" + BODY + "<script>" + SCRIPT + "</script></body></html>\n";

    // Hashes instead of 'unsafe-inline': the page runs its own script and style and nothing injected into it.
    private static final String CONTENT_SECURITY_POLICY = "default-src 'none'; connect-src 'self'; script-src '"
            + sha256(SCRIPT) + "'; style-src '" + sha256(STYLE) + "'; img-src 'self'";

    private StatusPage() {
    }

    static ControlResponse response() {
        return ControlResponse.text(200, "text/html; charset=utf-8", HTML)
                .withHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime must provide SHA-256", e);
        }
    }
}
