/** What a failed rename or delete action sends back (see +page.server.ts), as its dialogs read it. */
export interface ActionFailure {
  message?: string;
  fields?: Record<string, string>;
  values?: Record<string, string | boolean>;
}

/** What the overview hands its rename and delete dialogs; `open` is bound back to it. */
export interface ManageDialogProps {
  app: { id: string; name: string };
  open: boolean;
  form: ActionFailure | null | undefined;
}
