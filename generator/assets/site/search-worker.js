/* plansite: mkdocs-material's search worker, made to find Korean words (generator/search/).
 *
 * The site loads this worker instead of Material's (templates/site/theme/main.html); it loads
 * Material's worker (its file name, MATERIAL_WORKER, is written above this comment by the
 * plansite plugin) and changes two things, with the vocabulary the search index carries in
 * config.plansite (generator/search/korean.py):
 *
 * 1. Index side: every Hangul word also indexes its suffixes, from each syllable on, of at least
 *    min_stem syllables, and the Hangul runs inside a mixed word (the rule of
 *    generator.search.terms.suffixes), so that a word inside a compound is found by its
 *    beginning, which is how lunr matches.  The terms only an analyser finds (noun phrases
 *    printed over two words, written together) come ready in each entry's "terms" field.
 * 2. Query side: a query word ending in a particle is searched without it, when the noun left
 *    keeps min_stem syllables; on a site whose pipeline stems (English), an English query word
 *    is stemmed as the index is (lunr leaves a word it matches as a beginning unstemmed, so
 *    without this fostered would not find fostering).
 *
 * 3. Results: the pages of a plan (those the index boosts, search.boost) come before every
 *    other page (the user guide, the home page), each part in Material's order.
 *
 * Nothing else of Material's search changes: its messages, its results and their excerpts
 * (the "terms" field is indexed, never shown).
 */
"use strict"

var plansite = { particles: [], minStem: 2, stem: false }
var HANGUL_RUN = /[\uac00-\ud7a3]+/g

/* A query with each Hangul word (a run of Hangul ending the word) without its particle, when
 * the noun left keeps min_stem syllables: particles are tried longest first */
function withoutParticles(query) {
  return query.replace(HANGUL_RUN, function (run) {
    for (var i = 0; i < plansite.particles.length; i++) {
      var particle = plansite.particles[i]
      if (run.length - particle.length >= plansite.minStem
          && run.slice(-particle.length) === particle)
        return run.slice(0, run.length - particle.length)
    }
    return run
  })
}

/* A query with each English word stemmed as the index stems it (not a field name, title:) */
function stemmed(query) {
  return query.replace(/\b[A-Za-z]{3,}\b(?!:)/g, function (word) {
    return lunr.stemmer(new lunr.Token(word.toLowerCase())).toString()
  })
}

/* A lunr pipeline function: a token and the suffixes of its Hangul runs */
function hangulSuffixes(token) {
  var word = token.toString()
  if (!/[\uac00-\ud7a3]/.test(word))
    return token
  var out = [token]
  var seen = {}
  seen[word] = true
  var match
  HANGUL_RUN.lastIndex = 0
  while ((match = HANGUL_RUN.exec(word)) !== null) {
    var run = match[0]
    for (var i = run === word ? 1 : 0; i <= run.length - plansite.minStem; i++) {
      var part = run.slice(i)
      if (!seen[part]) {
        seen[part] = true
        out.push(token.clone(function () { return part }))
      }
    }
  }
  return out
}

addEventListener("message", function (ev) {
  var message = ev.data
  if (!message || typeof message !== "object")
    return
  if (message.type === 0 /* SETUP */ && message.data && message.data.config) {
    var config = message.data.config
    if (config.plansite) {
      plansite.particles = config.plansite.particles
      plansite.minStem = config.plansite.min_stem
    }
    plansite.stem = (config.pipeline || []).indexOf("stemmer") >= 0
      && (config.lang || []).join() === "en"
  } else if (message.type === 2 /* QUERY */ && typeof message.data === "string") {
    message.data = withoutParticles(message.data)
    if (plansite.stem)
      message.data = stemmed(message.data)
  }
})

/* Plan pages first: Material's worker posts each result through the global postMessage */
var post = self.postMessage.bind(self)
self.postMessage = function (message) {
  if (message && message.type === 3 /* RESULT */ && message.data && message.data.items) {
    var items = message.data.items
    var plan = items.filter(function (group) { return group.some(isPlanPage) })
    var rest = items.filter(function (group) { return !group.some(isPlanPage) })
    message.data.items = plan.concat(rest)
  }
  return post(message)
}

function isPlanPage(item) {
  return (item.boost || 1) > 1
}

importScripts(MATERIAL_WORKER)

/* Material's worker has set self.lunr: the suffixes join the index pipeline of its builder
 * (not the search pipeline: a query word is matched as a beginning already) */
lunr.Pipeline.registerFunction(hangulSuffixes, "plansiteHangulSuffixes")
var add = lunr.Builder.prototype.add
lunr.Builder.prototype.add = function (doc, attributes) {
  if (this.pipeline._stack.indexOf(hangulSuffixes) < 0)
    this.pipeline.add(hangulSuffixes)
  return add.call(this, doc, attributes)
}
