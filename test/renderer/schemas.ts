// JSON Schemas for the metadata the renderer returns (ajv, draft-07 style).

const hex32 = { type: "string", pattern: "^0x[0-9a-f]{64}$" };
const address = { type: "string", pattern: "^0x[0-9a-fA-F]{40}$" };
const uint = { type: "integer", minimum: 0 };

export const provenanceSchema = {
  type: "object",
  required: ["model_hash", "dataset_hash", "license", "generator", "generator_version", "locked"],
  additionalProperties: false,
  properties: {
    model_hash: hex32,
    dataset_hash: hex32,
    license: { type: "string" },
    generator: { type: "string" },
    generator_version: { type: "string" },
    locked: { type: "boolean" },
  },
};

/** OpenSea metadata conventions: string traits, or numeric traits with a display_type. */
const attributeSchema = {
  oneOf: [
    {
      type: "object",
      required: ["trait_type", "value"],
      additionalProperties: false,
      properties: { trait_type: { type: "string", minLength: 1 }, value: { type: "string" } },
    },
    {
      type: "object",
      required: ["trait_type", "value", "display_type"],
      additionalProperties: false,
      properties: {
        trait_type: { type: "string", minLength: 1 },
        display_type: { enum: ["number", "boost_number", "boost_percentage"] },
        value: { type: "number" },
        max_value: { type: "number" },
      },
    },
  ],
};

export const tokenSchema = {
  type: "object",
  required: [
    "name",
    "description",
    "image",
    "attributes",
    "generation",
    "birth_epoch",
    "current_epoch",
    "renderer",
    "renderer_version",
    "provenance",
  ],
  additionalProperties: false,
  properties: {
    name: { type: "string", minLength: 1 },
    description: { type: "string" },
    image: { type: "string", pattern: "^data:image/svg\\+xml;utf8,<svg [^#]*</svg>$" },
    attributes: { type: "array", minItems: 1, items: attributeSchema },
    seed: hex32,
    genome: hex32,
    generation: uint,
    birth_epoch: uint,
    current_epoch: uint,
    renderer: address,
    renderer_version: { type: "string", pattern: "^\\d+\\.\\d+\\.\\d+$" },
    provenance: provenanceSchema,
  },
};

/** ERC-7572 contract-level metadata (with OpenSea's royalty fields). */
export const collectionSchema = {
  type: "object",
  required: ["name", "description", "image", "seller_fee_basis_points", "fee_recipient", "provenance"],
  additionalProperties: false,
  properties: {
    name: { type: "string" },
    description: { type: "string" },
    image: { type: "string", pattern: "^data:image/svg\\+xml;utf8,<svg [^#]*</svg>$" },
    seller_fee_basis_points: { type: "integer", minimum: 0, maximum: 10000 },
    fee_recipient: address,
    max_supply: uint,
    renderer: address,
    renderer_version: { type: "string" },
    // ERC-7572's link, when the collection set one: printable ASCII without " \ % # (checked by the collection).
    external_link: { type: "string", pattern: "^[ !$&-\\[\\]-~]{1,96}$" },
    provenance: provenanceSchema,
  },
};

const mappings = (values: object) => ({
  type: "object",
  propertyNames: { pattern: "^0x[0-9a-f]{64}$" },
  additionalProperties: values,
});

/** ERC-7496 trait metadata. */
export const traitMetadataSchema = {
  type: "object",
  required: ["traits"],
  additionalProperties: false,
  properties: {
    traits: {
      type: "object",
      additionalProperties: {
        type: "object",
        required: ["displayName", "dataType"],
        properties: {
          displayName: { type: "string" },
          validateOnSale: { enum: ["none", "requireEq", "requireUintGte", "requireUintLte"] },
          tokenOwnerCanUpdateValue: { type: "boolean" },
          dataType: {
            oneOf: [
              {
                type: "object",
                required: ["type"],
                additionalProperties: false,
                properties: {
                  type: { const: "string" },
                  minLength: uint,
                  maxLength: uint,
                  valueMappings: mappings({ type: ["string", "null"] }),
                },
              },
              {
                type: "object",
                required: ["type"],
                additionalProperties: false,
                properties: {
                  type: { const: "decimal" },
                  signed: { type: "boolean" },
                  bits: { type: "integer", minimum: 1, maximum: 256 },
                  decimals: uint,
                  valueMappings: mappings({ type: ["number", "null"] }),
                },
              },
              {
                type: "object",
                required: ["type"],
                additionalProperties: false,
                properties: { type: { const: "boolean" }, valueMappings: mappings({ type: ["boolean", "null"] }) },
              },
            ],
          },
        },
      },
    },
  },
};

/** The `pack` member of a pack renderer's token and collection JSON. */
const packSchema = {
  type: "object",
  required: ["name", "creator", "license", "hash", "index", "layers", "ai_layers", "locked"],
  additionalProperties: false,
  properties: {
    name: { type: "string", minLength: 1 },
    creator: { type: "string", minLength: 1 },
    license: { type: "string", minLength: 1 },
    hash: hex32,
    index: address,
    layers: uint,
    ai_layers: uint,
    locked: { type: "boolean" },
  },
};
const packImage = { type: "string", pattern: "^data:image/svg\\+xml;base64,[A-Za-z0-9+/]+={0,2}$" };

/** A pack renderer's token JSON: the image is base64, and each layer drawn says where it came from. */
export const packTokenSchema = {
  ...tokenSchema,
  required: [...tokenSchema.required, "layers", "pack"],
  properties: {
    ...tokenSchema.properties,
    image: packImage,
    layers: {
      type: "array",
      minItems: 1,
      items: {
        type: "object",
        required: ["slot", "variant", "origin", "tool", "page"],
        additionalProperties: false,
        properties: {
          slot: { type: "string" },
          variant: { type: "string" },
          origin: { enum: ["human", "ai", "ai-curated"] },
          tool: { type: "string" },
          page: address,
        },
      },
    },
    pack: packSchema,
  },
};

/** A pack renderer's collection JSON. */
export const packCollectionSchema = {
  ...collectionSchema,
  required: [...collectionSchema.required, "pack"],
  properties: { ...collectionSchema.properties, image: packImage, pack: packSchema },
};
