// Lint rules: typescript-eslint's recommended set; `any` needs a comment (see design.md conventions).
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**"] },
  ...tseslint.configs.recommended,
  {
    rules: {
      // A rest sibling is how an object is copied without some fields: naming what is left out is fine.
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", ignoreRestSiblings: true }],
    },
  },
);
