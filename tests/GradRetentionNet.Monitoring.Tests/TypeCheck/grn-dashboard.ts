// The type a GradRetentionNet dashboard JSON file must satisfy: @grafana/schema's Dashboard, with
// each panel's options and custom field config checked against its panel plugin's own schema
// (timeseries, stat, table, bargauge: the only panel types the dashboards use).
// The observability tests write one .ts file per dashboard that assigns the file's JSON to
// GrnDashboard, and run tsc over them.
import type { DataQuery, Dashboard, FieldConfig, FieldConfigSource, Panel, RowPanel } from '@grafana/schema';
import type * as BarGauge from '@grafana/schema/dist/esm/raw/composable/bargauge/panelcfg/x/BarGaugePanelCfg_types.gen';
import type * as Stat from '@grafana/schema/dist/esm/raw/composable/stat/panelcfg/x/StatPanelCfg_types.gen';
import type * as Table from '@grafana/schema/dist/esm/raw/composable/table/panelcfg/x/TablePanelCfg_types.gen';
import type * as TimeSeries from '@grafana/schema/dist/esm/raw/composable/timeseries/panelcfg/x/TimeSeriesPanelCfg_types.gen';

/**
 * T as JSON spells it. A JSON file cannot name a TypeScript enum member, only its value, so a
 * string enum becomes the union of its values ("absolute" for ThresholdsMode.Absolute); numeric
 * enums, and everything else, stay as they are. Object types keep their exact keys, so a
 * misspelt or unknown field is still an error.
 */
export type Json<T> =
  T extends string ? `${T}` :
  T extends readonly (infer U)[] ? Json<U>[] :
  T extends object ? { [K in keyof T]: Json<T[K]> } :
  T;

/** A Prometheus query: the common DataQuery (refId required) plus the fields the dashboards use. */
type PrometheusTarget = Json<DataQuery> & {
  expr: string;
  legendFormat?: string;
  instant?: boolean;
  range?: boolean;
  format?: 'time_series' | 'table' | 'heatmap';
};

/** Field config whose `custom` part is the panel plugin's own FieldConfig (none: no custom part). */
type FieldConfigOf<TCustom> = Omit<Json<FieldConfigSource>, 'defaults'> & {
  defaults: Omit<Json<FieldConfig>, 'custom'> & { custom?: Json<Partial<TCustom>> };
};

/** A panel of plugin TType: Grafana fills in the options left out, so each is optional. */
type PanelOf<TType extends string, TOptions, TCustom> =
  Omit<Json<Panel>, 'type' | 'options' | 'fieldConfig' | 'targets'> & {
    type: TType;
    options?: Json<Partial<TOptions>>;
    fieldConfig?: FieldConfigOf<TCustom>;
    targets: PrometheusTarget[];
  };

export type GrnPanel =
  | PanelOf<'timeseries', TimeSeries.Options, TimeSeries.FieldConfig>
  | PanelOf<'stat', Stat.Options, Record<string, never>>
  | PanelOf<'table', Table.Options, Table.FieldConfig>
  | PanelOf<'bargauge', BarGauge.Options, Record<string, never>>;

export type GrnRowPanel = Omit<Json<RowPanel>, 'panels'> & { panels: GrnPanel[] };

export type GrnDashboard = Omit<Json<Dashboard>, 'panels'> & {
  panels?: Array<GrnPanel | GrnRowPanel>;
};
