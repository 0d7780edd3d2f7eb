// The widget's style sheet, made at build time from the app's (style/main.css as Trunk built it),
// for a shadow root: `:root` becomes `:host`, so a portal's `zhicheng-form { --brand: … }` themes
// it; `rem` (the portal page's root font size) becomes `--zc-rem` (16px unless the portal sets
// it); and the layout's width queries ask the widget's container, not the window, since a portal
// may give the form 700 px of a wide page. Print rules stay media queries.
export function widgetStyles(css) {
  const hosted = css
    .replace(/:root\b/g, ":host")
    .replace(/(\d*\.?\d+)rem\b/g, "calc($1*var(--zc-rem))")
    .replace(/@media\s*(?:screen\s+and\s*)?(\((?:max|min)-width\s*:[^)]*\)|\(\s*width\s*[<>]=?[^)]*\))/g, "@container zc $1");
  if (/@media[^{]*width/.test(hosted)) throw new Error("widget styles: a width media query was left unconverted");
  return `${hosted}
:host{display:block;--zc-rem:16px}
.zc-app{container:zc/inline-size;font-size:var(--zc-rem);text-align:start;letter-spacing:normal;word-spacing:normal;text-transform:none;font-style:normal;font-weight:400}
.skip-link{display:none}
`;
}
