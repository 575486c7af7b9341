/** What a failed rename or delete action sends back (see +page.server.ts), as its dialogs read it. */
export interface ActionFailure {
  message?: string;
  fields?: Record<string, string>;
  values?: Record<string, string | boolean>;
}
