/* Transparence: combined filtering of the consultation calendar (progressive enhancement).
   Without this script the page is complete and its filter links lead to the static one-criterion
   pages. With it, a form combines the criteria (category × procedure × département × clauses) and
   a text search on the object and the places, showing or hiding the rows already in the page.
   First-party, no dependency, no cookie, no storage, no network request.

   What it reads from the page:
   - the filter navigation (nav.filtres): each group (p.filtre-groupe, its name in .filtre-nom) and
     its links to filtres/<group>/<value>/, which give the choices of each list;
   - each row's data-f attribute: the filters it belongs to, "<group>/<value>" separated by spaces
     (the same paths as the links);
   - the columns marked by the tables' <col class="objet"> and <col class="lieu">, searched
     (without their details: notes, technique). */
(function () {
  'use strict';
  var nav = document.querySelector('nav.filtres');
  var rows = document.querySelectorAll('tr[data-f]');
  if (!nav || !rows.length || !('hidden' in nav)) return;

  /** Lower case, without accents or repeated spaces: "Quimperlé" is found by "quimperle". */
  function fold(text) {
    return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/\s+/g, ' ').trim();
  }
  function element(name, attributes, text) {
    var node = document.createElement(name);
    for (var key in attributes) node.setAttribute(key, attributes[key]);
    if (text) node.textContent = text;
    return node;
  }
  function plural(n) { return n === 1 ? '1 consultation' : n + ' consultations'; }
  /** A cell's own text, without its details (notes, technique): the object, the places. */
  function ownText(cell) {
    var text = '';
    for (var node = cell.firstChild; node; node = node.nextSibling) {
      if (node.nodeType === 3) text += node.nodeValue;
      else if (node.nodeType === 1 && !/\bdetail\b/.test(node.className)) text += ' ' + node.textContent;
    }
    return text;
  }

  // The lists: one per group of links.
  var lists = [];
  var groups = nav.querySelectorAll('.filtre-groupe');
  for (var g = 0; g < groups.length; g++) {
    var name = groups[g].querySelector('.filtre-nom');
    var select = element('select', {id: 'filtre-' + g});
    select.appendChild(element('option', {value: ''}, 'Indifférent'));
    var links = groups[g].querySelectorAll('a[href]');
    for (var l = 0; l < links.length; l++) {
      var path = /filtres\/([^\/]+\/[^\/]+)\/?$/.exec(links[l].getAttribute('href'));
      if (path) select.appendChild(element('option', {value: decodeURIComponent(path[1])}, links[l].textContent.trim()));
    }
    if (select.options.length < 2) continue;
    var field = element('p', {'class': 'champ'});
    field.appendChild(element('label', {'for': select.id}, name ? name.textContent.replace(/\s*:\s*$/, '') : 'Critère'));
    field.appendChild(select);
    lists.push({field: field, select: select});
  }

  // Each row's filters and searched text, read once.
  var searched = [];
  var tables = document.querySelectorAll('table');
  for (var t = 0; t < tables.length; t++) {
    var cols = tables[t].querySelectorAll('col');
    var columns = [];
    for (var c = 0; c < cols.length; c++) {
      if (/\b(objet|lieu)\b/.test(cols[c].className)) columns.push(c);
    }
    var body = tables[t].tBodies[0] ? tables[t].tBodies[0].rows : [];
    for (var r = 0; r < body.length; r++) {
      if (!body[r].hasAttribute('data-f')) continue;
      var text = '';
      for (var k = 0; k < columns.length; k++) {
        if (body[r].cells[columns[k]]) text += ' ' + ownText(body[r].cells[columns[k]]);
      }
      searched.push({row: body[r], filters: ' ' + body[r].getAttribute('data-f') + ' ', text: fold(text)});
    }
  }

  // The form, before the links (which stay: each leads to a page with its own address).
  var form = element('form', {'class': 'filtre-combine', role: 'search', 'aria-label': 'Critères combinés'});
  form.appendChild(element('p', {}, 'Combinez les critères : la liste ci-dessous se met à jour à chaque choix.'));
  var fields = element('div', {'class': 'champs'});
  for (var i = 0; i < lists.length; i++) fields.appendChild(lists[i].field);
  var search = element('input', {type: 'search', id: 'filtre-texte', autocomplete: 'off'});
  var searchField = element('p', {'class': 'champ champ-texte'});
  searchField.appendChild(element('label', {'for': search.id}, 'Rechercher dans l\u2019objet et le lieu'));
  searchField.appendChild(search);
  fields.appendChild(searchField);
  form.appendChild(fields);
  var reset = element('button', {type: 'reset'}, 'Effacer les critères');
  form.appendChild(reset);
  var status = element('p', {role: 'status', 'class': 'filtre-resultat'});
  form.appendChild(status);
  form.addEventListener('submit', function (event) { event.preventDefault(); });
  var heading = nav.querySelector('h2');
  nav.insertBefore(form, heading ? heading.nextSibling : nav.firstChild);
  var rest = element('p', {'class': 'filtre-liens'}, 'Ou une page par critère (avec son adresse) :');
  nav.insertBefore(rest, form.nextSibling);

  /** Hides `node` when none of its `selector` descendants shows. */
  function hideEmpty(selector, inner) {
    var nodes = document.querySelectorAll(selector);
    for (var n = 0; n < nodes.length; n++) {
      nodes[n].hidden = !nodes[n].querySelector(inner);
    }
  }

  var announced = null;
  function apply(first) {
    var wanted = [];
    for (var i = 0; i < lists.length; i++) {
      if (lists[i].select.value) wanted.push(' ' + lists[i].select.value + ' ');
    }
    var words = fold(search.value).split(' ').filter(Boolean);
    var shown = 0;
    for (var s = 0; s < searched.length; s++) {
      var entry = searched[s];
      var keep = true;
      for (var w = 0; keep && w < wanted.length; w++) keep = entry.filters.indexOf(wanted[w]) >= 0;
      for (var q = 0; keep && q < words.length; q++) keep = entry.text.indexOf(words[q]) >= 0;
      entry.row.hidden = !keep;
      if (keep) shown++;
    }
    hideEmpty('.mois', 'tr[data-f]:not([hidden])');
    hideEmpty('.trimestre', '.mois:not([hidden])');
    var message = wanted.length || words.length
      ? (shown === 0 ? 'Aucune consultation ne correspond à ces critères.'
        : plural(shown) + ' sur ' + searched.length + (shown === 1 ? ' correspond' : ' correspondent') + ' à ces critères.')
      : plural(searched.length) + ' : tous les critères sont ouverts.';
    // The region is announced when its text changes: typing a word announces once it settles.
    clearTimeout(announced);
    if (first === true) status.textContent = message;
    else announced = setTimeout(function () { status.textContent = message; }, words.length ? 500 : 0);
  }
  form.addEventListener('change', function () { apply(); });
  search.addEventListener('input', function () { apply(); });
  form.addEventListener('reset', function () { setTimeout(function () { apply(); }, 0); });
  apply(true);
})();
