// The book of what a document has said so far, apart from its claims: the quantities it defined
// (`\delta = -2(y - \hat y)`, `f(x) = x^2`), by the model they were made under; the definitions that
// make up a model of its own (`h = \tanh(Wx + c)`); and the values it gave a model's leaves
// (`x = (1, 7, 7, 9)`, `n = 5`). Later claims are read with it.
import type { SymNode } from '../parse/ast';
import { isConstantExpression } from '../models/symbol-uses';
import type { Nonlinearity } from '../evaluate/activations';
import type { Model } from '../semantics/model';
import { familyKey, symbolKey, type Scope, type UserDefinition } from '../semantics/scope';
import { DefinedModel, type CustomDefinition } from '../models/defined';
import type { ShapeSpec } from '../models/shapes';
import { givenSizes, givenValues, type GivenState, type GivenValues } from './given';

export class DefinitionBook {
  /** Definitions by the model they were made under ('' for those that use no model: f(x) = x², u = a + b). */
  private readonly contexts = new Map<string, Map<string, UserDefinition>>();
  /** Definitions that are nodes of the document's own model, in order. */
  readonly customDefinitions: CustomDefinition[] = [];
  /** The document's own model as last built (rebuilt after each new definition or shape). */
  private customModel: DefinedModel | undefined;
  /** Leaf values the document stated, by model name: every sample point uses them. */
  private readonly given = new Map<string, GivenState>();

  /** The definitions made under a model ('': under none), to add to. */
  context(id: string): Map<string, UserDefinition> {
    let context = this.contexts.get(id);
    if (!context) this.contexts.set(id, (context = new Map()));
    return context;
  }

  /** Definitions visible under a model: those that use no model, and those made under it. */
  visibleDefinitions(id: string | undefined): Map<string, UserDefinition> {
    return new Map([...this.context(''), ...(id ? this.context(id) : [])]);
  }

  /** The context a claim read in `model` is checked in: its σ, and the definitions visible under it. */
  scopeFor(model: Model | null, sigma: { readonly sigmas: readonly Nonlinearity[]; readonly sigmaChosen: boolean }): Scope {
    return { model, sigmas: sigma.sigmas, sigmaChosen: sigma.sigmaChosen, definitions: this.visibleDefinitions(model?.name) };
  }

  /** Whether `sym` (or its indexed family) was defined under the model `id`. */
  definedIn(id: string, sym: SymNode): boolean {
    const context = this.context(id);
    const key = symbolKey(sym);
    const count = sym.sub?.kind === 'indices' ? sym.sub.items.length : 0;
    return context.has(key) || (count > 0 && context.has(familyKey(key, count)));
  }

  /** Whether the document has a model of its own: definitions of one, or declared shapes. */
  hasOwnModel(shapes: Readonly<Record<string, ShapeSpec>> | undefined): boolean {
    return this.customDefinitions.length > 0 || Object.keys(shapes ?? {}).length > 0;
  }

  /** The document's own model as defined so far. */
  custom(shapes: Readonly<Record<string, ShapeSpec>> | undefined): DefinedModel {
    const definitions = this.visibleDefinitions('custom');
    if (!this.customModel || this.customModel.context.definitions.size !== definitions.size) {
      this.customModel = new DefinedModel([...this.customDefinitions], { ...shapes }, { definitions });
    }
    return this.customModel;
  }

  /** True for the document's own model as last built (a definition made under it changes it). */
  isCurrentCustom(model: Model | null): boolean {
    return model === this.customModel;
  }

  /**
   * Forgets what no longer applies: a number stated for a symbol (`x = 10` in "when $x = 10$") where
   * `valueHolds` says so, any other definition (`f(x) = x^2 - 2x - 5` of an exercise) where
   * `definitionHolds` does. A text defines for a problem, not for every problem after it.
   */
  forgetOutside(valueHolds: (definition: UserDefinition) => boolean, definitionHolds: (definition: UserDefinition) => boolean): void {
    for (const context of this.contexts.values()) {
      for (const [key, definition] of context) {
        const value = definition.params.length === 0 && isConstantExpression(definition.body);
        if (value ? valueHolds(definition) : definitionHolds(definition)) continue;
        context.delete(key);
        this.dropCustomModel();
      }
    }
  }

  /** The document's own model must be built again (a definition or a declared shape changed it). */
  dropCustomModel(): void {
    this.customModel = undefined;
  }

  /** What was given for the model's leaves so far. */
  givenState(model: Model | null): GivenState | undefined {
    return model ? this.given.get(model.name) : undefined;
  }

  setGiven(model: Model, state: GivenState): void {
    this.given.set(model.name, state);
  }

  /** Naming a model starts a new problem: values given for it earlier no longer hold. */
  forgetGiven(modelName: string): void {
    this.given.delete(modelName);
  }

  /** Values given for the model's leaves so far (undefined when none). */
  givenFor(model: Model | null): GivenValues | undefined {
    const state = this.givenState(model);
    return state ? givenValues(state) : undefined;
  }

  /** Size pins: a directive's, over the sizes the document stated (`$n = 5$`). */
  dimsFor(model: Model | null, pinned: Readonly<Record<string, number>>): Record<string, number> {
    return { ...givenSizes(this.givenState(model)), ...pinned };
  }
}
