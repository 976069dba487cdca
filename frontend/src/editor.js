/*
 * The code editor: CodeMirror 6 with Python highlighting, loaded only when code is opened.
 *
 * Tab indents (Python needs it), so keyboard users leave the editor with Escape then Tab
 * (CodeMirror's tab-focus escape, said in the editor's label), or Ctrl-M to switch Tab to moving
 * focus for as long as they like.
 */

import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands"
import { python } from "@codemirror/lang-python"
import { bracketMatching, defaultHighlightStyle, indentOnInput, indentUnit, syntaxHighlighting } from "@codemirror/language"
import { EditorState } from "@codemirror/state"
import { EditorView, drawSelection, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers } from "@codemirror/view"

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
        syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
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
