// TypeScript declarations of the declaration widget (zhicheng-form.js; docs/embedding.md).

/** One answer, as the form keeps it: a text (numbers and dates too), a tick, or the chosen options. */
export type Answer = string | boolean | string[];

/** The open draft, as `getDraft()` gives it. */
export interface DraftView {
  draftId: string;
  formId: string;
  formVersion: number;
  /** Field id → answer; a repeat group's answer is a list of `{ id, values }` rows. */
  answers: Record<string, unknown>;
  /** The page the applicant is on: a step's id, "materials" (附件材料) or "review" (核对信息). */
  step: string;
  /** Whether 完成填写 passed (the declaration may be submitted). */
  finished: boolean;
}

/** One problem `validate()` found. `field` is `group[row].field` inside a repeat group. */
export interface Problem {
  field: string;
  step: string;
  severity: "error" | "warning";
  message: string;
}

export interface Validity {
  valid: boolean;
  errors: number;
  warnings: number;
  problems: Problem[];
}

/** Headers for each request to the submission backend (e.g. the portal's login). */
export type HeadersProvider =
  | Record<string, string>
  | (() => Record<string, string> | null | undefined | Promise<Record<string, string> | null | undefined>);

/** The `detail` of each event the widget dispatches (they bubble and cross the shadow root). */
export interface ZhichengFormEventMap {
  "zc-ready": CustomEvent<{ formId: string; draftId: string }>;
  "zc-step-change": CustomEvent<{ step: string; title: string }>;
  "zc-draft-saved": CustomEvent<{ draftId: string; savedAt: number }>;
  "zc-validity-change": CustomEvent<{ valid: boolean; errors: number; warnings: number }>;
  "zc-submitted": CustomEvent<{ packageId: string; receipt: string }>;
  "zc-submit-failed": CustomEvent<{ packageId: string; reason: string }>;
  "zc-error": CustomEvent<{ message: string }>;
}

/** `<zhicheng-form>`: one copy of the declaration app in its own shadow root. */
export interface ZhichengFormElement extends HTMLElement {
  headers: HeadersProvider | null;
  /** Prefills answers from the portal's records; with `locked` the applicant cannot change them. */
  setAnswers(answers: Record<string, Answer>, options?: { locked?: boolean }): Promise<void>;
  getDraft(): Promise<DraftView>;
  validate(): Promise<Validity>;
  /** Moves to a step (its id), "materials" or "review". */
  goTo(step: string): Promise<void>;
  /**
   * For a unit's review form (`form="sz-unit-review"`): opens the decision on the applicant's
   * 导出申报包 file, the declaration read-only beside the unit's fields; resolves once it is open,
   * rejects with a message in Chinese when the file is not a sent declaration of the reviewed form.
   */
  reviewPackage(file: Blob | ArrayBuffer | Uint8Array): Promise<void>;
  /** Finishes and submits; resolves with the package id (the receipt comes with `zc-submitted`). */
  submit(): Promise<string>;
  /** Removes the widget. */
  destroy(): void;
  addEventListener<K extends keyof ZhichengFormEventMap>(
    type: K,
    listener: (this: ZhichengFormElement, event: ZhichengFormEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
}

export interface MountOptions {
  /** Which declaration, e.g. "sz-title-review". Without it the widget shows the start page. */
  form?: string;
  /** The submission backend's base URL (protocol/README.md). */
  endpoint?: string;
  /** Open this draft (else the only draft, or a new one). */
  draft?: string;
  lang?: "zh-CN";
  /** Where forms/, reports/, calendar/ are; defaults to the folder above zhicheng-form.js. */
  baseUrl?: string;
  readonly?: boolean;
  /** "training": 演示与培训 — personas, tips and a simulated receiver; its own storage, nothing sent. */
  mode?: "training";
  headers?: HeadersProvider;
  prefill?: { answers: Record<string, Answer>; locked?: boolean };
}

/** Mounts a `<zhicheng-form>` in `el` and returns it. */
export function mount(el: Element, options?: MountOptions): ZhichengFormElement;

declare global {
  interface HTMLElementTagNameMap {
    "zhicheng-form": ZhichengFormElement;
  }
  interface Window {
    ZhichengForm: { mount: typeof mount };
  }
}
