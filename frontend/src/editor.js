/*
 * The code editor: CodeMirror 6 with Python highlighting, loaded only when code is opened.
 *
 * Tab indents (Python needs it), so keyboard users leave the editor with Escape then Tab
 * (CodeMirror's tab-focus escape, said in the editor's label), or Ctrl-M to switch Tab to moving
 * focus for as long as they like.
 */

import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands"
import { python } from "@codemirror/lang-python"
import { bracketMatching, HighlightStyle, indentOnInput, indentUnit, syntaxHighlighting } from "@codemirror/language"
import { tags } from "@lezer/highlight"
import { EditorState } from "@codemirror/state"
import { EditorView, drawSelection, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers } from "@codemirror/view"

/*
 * Colours from the page's CSS variables (overrides/assets/stylesheets/coop.css, light and dark;
 * the background is Material's code background), so the editor follows the page's scheme and its
 * words stay readable on the highlighted line too.
 */
const colours = HighlightStyle.define([
  { tag: [tags.keyword, tags.controlKeyword, tags.definitionKeyword, tags.moduleKeyword, tags.operatorKeyword], color: "var(--coop-code-keyword)" },
  { tag: [tags.string, tags.special(tags.string)], color: "var(--coop-code-string)" },
  { tag: [tags.number, tags.bool, tags.null], color: "var(--coop-code-number)" },
  { tag: [tags.function(tags.variableName), tags.function(tags.propertyName), tags.definition(tags.function(tags.variableName))], color: "var(--coop-code-function)" },
  { tag: [tags.className, tags.definition(tags.className), tags.constant(tags.variableName), tags.standard(tags.variableName)], color: "var(--coop-code-constant)" },
  { tag: tags.comment, color: "var(--coop-code-comment)", fontStyle: "italic" },
  { tag: [tags.operator, tags.punctuation, tags.bracket], color: "var(--coop-code-punctuation)" },
  { tag: tags.invalid, color: "var(--coop-red)" }
])

const look = EditorView.theme({
  "&": { backgroundColor: "var(--md-code-bg-color)", color: "var(--md-code-fg-color)" },
  ".cm-content": { caretColor: "var(--md-code-fg-color)" },
  ".cm-cursor, .cm-dropCursor": { borderLeftColor: "var(--md-code-fg-color)" },
  ".cm-gutters": { backgroundColor: "var(--md-code-bg-color)", color: "var(--coop-code-comment)", borderRight: "1px solid var(--coop-border)" },
  ".cm-activeLine, .cm-activeLineGutter": { backgroundColor: "var(--coop-code-active-line)" },
  "&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection": { backgroundColor: "var(--coop-code-selection)" },
  "&.cm-focused .cm-matchingBracket": { backgroundColor: "var(--coop-code-selection)", outline: "1px solid var(--coop-border-strong)" }
})

function create(parent, doc, { label = "Python code", onChange = () => {} } = {}) {
  let timer = null
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc,
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        history(),
        drawSelection(),
        indentOnInput(),
        indentUnit.of("    "),
        bracketMatching(),
        highlightActiveLine(),
        syntaxHighlighting(colours),
        look,
        python(),
        keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
        EditorView.contentAttributes.of({ "aria-label": label }),
        EditorView.lineWrapping,
        EditorView.updateListener.of(update => {
          if (!update.docChanged) return
          clearTimeout(timer)
          timer = setTimeout(() => onChange(view.state.doc.toString()), 300)
        })
      ]
    })
  })
  return {
    view,
    getValue: () => view.state.doc.toString(),
    setValue: text => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } }),
    focus: () => view.focus(),
    destroy: () => view.destroy()
  }
}

window.CoopEditor = { create }
