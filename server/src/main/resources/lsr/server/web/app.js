'use strict';
// The search page: lists the server's collections (the default one selected) and the chosen one's
// pipelines, asks /v1/collections/{name}/search with explain on, and shows each hit's text with the
// terms it matched highlighted (their weights as superscripts), and every stage's score and rank.

const form = document.getElementById('search-form');
const queryInput = document.getElementById('query');
const collectionSelect = document.getElementById('collection');
const pipelineSelect = document.getElementById('pipeline');
const kSelect = document.getElementById('k');
const results = document.getElementById('results');
const summary = document.getElementById('summary');
const errorBox = document.getElementById('error');

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function fmt(x) {
  return Math.abs(x) >= 100 ? x.toFixed(1) : Math.abs(x) >= 1 ? x.toFixed(2) : x.toFixed(3);
}

function showError(message) {
  errorBox.textContent = message;
  errorBox.hidden = false;
}

// Throws the server's error message for a refused request.
async function getJson(url) {
  const response = await fetch(url);
  const body = await response.json();
  if (!response.ok) throw new Error(body.error ? body.error.message : 'HTTP ' + response.status);
  return body;
}

// Selects the collection named in the address, else the server's default.
async function loadCollections() {
  const body = await getJson('/v1/collections');
  if (body.collections.length === 0) {
    throw new Error('this server holds no collection yet; create one with PUT /v1/collections/{name}');
  }
  const wanted = new URL(window.location).searchParams.get('collection');
  for (const c of body.collections) {
    const option = el('option', null, c.name + ' (' + c.documents + ' documents)');
    option.value = c.name;
    option.selected = wanted ? c.name === wanted : c.default;
    collectionSelect.appendChild(option);
  }
}

async function loadPipelines() {
  const body = await getJson('/v1/collections/' + encodeURIComponent(collectionSelect.value));
  pipelineSelect.replaceChildren();
  for (const p of body.pipelines) {
    const option = el('option', null, p.name + ' (' + p.stages.join(' + ') + (p.reranks ? ', LTR' : '') + ')');
    option.value = p.name;
    option.selected = p.isDefault;
    pipelineSelect.appendChild(option);
  }
}

// Weight of each highlighted word: the largest contribution among the matched terms it carries.
// Terms are WordPiece tokens: a word matches a term it equals or, for terms of 3+ letters, starts with;
// continuation pieces (##ing) match the end of a word.
function termWeights(hit) {
  const weights = new Map();
  for (const t of hit.terms || []) {
    const c = t.queryWeight * t.docWeight;
    if (!weights.has(t.term) || weights.get(t.term) < c) weights.set(t.term, c);
  }
  return weights;
}

function matchWeight(word, weights, queryWords) {
  const w = word.toLowerCase();
  let best = null;
  for (const [term, c] of weights) {
    const piece = term.startsWith('##') ? term.slice(2) : null;
    const hit = piece !== null ? (piece.length >= 3 && w.endsWith(piece))
        : (w === term || (term.length >= 3 && w.startsWith(term)));
    if (hit && (best === null || c > best)) best = c;
  }
  if (best === null && weights.size === 0 && queryWords.has(w)) return 0;
  return best;
}

function highlighted(text, weights, queryWords) {
  const container = el('p', 'text');
  const parts = text.split(/([\p{L}\p{N}]+)/u);
  for (const part of parts) {
    if (!part) continue;
    const weight = /^[\p{L}\p{N}]+$/u.test(part) ? matchWeight(part, weights, queryWords) : null;
    if (weight === null) {
      container.appendChild(document.createTextNode(part));
    } else {
      const mark = el('mark', null, part);
      if (weight > 0) {
        mark.title = 'contribution ' + fmt(weight);
        mark.appendChild(el('sup', null, fmt(weight)));
      }
      container.appendChild(mark);
    }
  }
  return container;
}

function renderHit(hit, queryWords) {
  const item = el('li', 'hit');
  item.dataset.id = hit.id;
  const head = el('div', 'hit-head');
  head.appendChild(el('span', 'rank', hit.rank + '.'));
  head.appendChild(el('span', 'title', hit.title || hit.id));
  head.appendChild(el('span', 'doc-id', hit.id));
  item.appendChild(head);
  if (hit.text) item.appendChild(highlighted(hit.text, termWeights(hit), queryWords));

  const scores = el('div', 'scores');
  scores.appendChild(el('span', 'score final', 'score ' + fmt(hit.score)));
  for (const [stage, s] of Object.entries(hit.stages)) {
    const badge = el('span', 'score stage', stage + ' ' + fmt(s.score) + ' (#' + s.rank + ')');
    badge.dataset.stage = stage;
    scores.appendChild(badge);
  }
  if (hit.fused !== undefined) scores.appendChild(el('span', 'score fused', 'fused ' + fmt(hit.fused)));
  if (hit.reranked !== undefined) scores.appendChild(el('span', 'score reranked', 'LTR ' + fmt(hit.reranked)));
  item.appendChild(scores);

  if (hit.terms && hit.terms.length) {
    const terms = el('div', 'terms');
    for (const t of hit.terms.slice(0, 12)) {
      const chip = el('span', 'term', t.term + ' ' + fmt(t.queryWeight) + '×' + fmt(t.docWeight));
      chip.title = t.stage + ': query weight × document weight';
      terms.appendChild(chip);
    }
    item.appendChild(terms);
  }
  return item;
}

async function search(query) {
  errorBox.hidden = true;
  results.replaceChildren();
  summary.textContent = 'Searching…';
  const request = {query: query, k: Number(kSelect.value), explain: true};
  if (pipelineSelect.value) request.pipeline = pipelineSelect.value;
  let response;
  try {
    response = await fetch('/v1/collections/' + encodeURIComponent(collectionSelect.value) + '/search', {
      method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify(request)});
  } catch (e) {
    summary.textContent = '';
    showError('The server cannot be reached: ' + e.message);
    return;
  }
  const body = await response.json();
  if (!response.ok) {
    summary.textContent = '';
    showError(body.error ? body.error.message : 'HTTP ' + response.status);
    return;
  }
  const queryWords = new Set(query.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(w => w.length > 1));
  summary.textContent = body.hits.length + ' results from ' + body.pipeline + ' in '
      + body.timingsMs.total.toFixed(1) + ' ms';
  for (const hit of body.hits) results.appendChild(renderHit(hit, queryWords));
}

// The query and the collection are kept in the address, for bookmarking.
function remember(query) {
  const url = new URL(window.location);
  url.searchParams.set('collection', collectionSelect.value);
  if (query) url.searchParams.set('query', query);
  history.replaceState(null, '', url);
}

form.addEventListener('submit', event => {
  event.preventDefault();
  const query = queryInput.value.trim();
  if (!query) return;
  remember(query);
  search(query);
});

collectionSelect.addEventListener('change', () => {
  errorBox.hidden = true;
  results.replaceChildren();
  summary.textContent = '';
  remember(queryInput.value.trim());
  loadPipelines().catch(e => showError('Cannot list pipelines: ' + e.message));
});

loadCollections().then(loadPipelines).then(() => {
  const initial = new URL(window.location).searchParams.get('query');
  if (initial) {
    queryInput.value = initial;
    search(initial);
  }
}).catch(e => showError('Cannot list collections: ' + e.message));
