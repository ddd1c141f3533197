/** The prefecture administrator's forms (Zod), with Japanese messages naming the field. */
import { z } from "zod";
import { newUserForm } from "../../accounts/forms.ts";

export const municipalityForm = z.object({
  lgCode: z.string({ error: "全国地方公共団体コードを入力してください" }).trim().min(1, { error: "全国地方公共団体コードを入力してください" }),
  name: z
    .string({ error: "団体名を入力してください" })
    .trim()
    .min(1, { error: "団体名を入力してください（例: 鳴門市）" })
    .max(50, { error: "団体名は50文字以内にしてください" }),
});

/** The first administrator: the same fields and messages as a municipality's own user form, without division and roles. */
export const firstAdministratorForm = newUserForm.pick({ loginId: true, displayName: true, email: true });

export const ADMINISTRATOR_FIELDS = { loginId: "login-id", displayName: "display-name", email: "email" } as const;
