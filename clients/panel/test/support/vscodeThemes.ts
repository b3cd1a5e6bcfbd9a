// The --vscode-* variables a VS Code webview gets under three built-in themes, for the panel's theme tests. Values are
// those of code-server's bundled VS Code (lib/vscode/extensions/theme-defaults/themes: light_modern.json → light_plus →
// light_vs, dark_modern.json → dark_plus → dark_vs, hc_black.json) over the colour registry's defaults for the theme's
// kind (workbench.js registerColor calls): a token neither sets is absent, as in a real webview (VS Code's High
// Contrast leaves button.secondaryBackground and list.activeSelectionBackground unset).
export interface VscodeTheme {
  name: string;
  /** The class VS Code puts on the webview's body. */
  bodyClass: 'vscode-light' | 'vscode-dark' | 'vscode-high-contrast';
  colors: Record<string, string>;
}

const font = { 'font-family': 'system-ui, -apple-system, sans-serif', 'font-size': '13px', 'editor-font-family': 'monospace' };

export const lightModern: VscodeTheme = {
  name: 'light',
  bodyClass: 'vscode-light',
  colors: {
    ...font,
    foreground: '#3B3B3B', descriptionForeground: '#3B3B3B', 'sideBar-background': '#F8F8F8', 'editor-background': '#FFFFFF',
    'button-background': '#005FB8', 'button-foreground': '#FFFFFF', 'button-hoverBackground': '#0258A8', 'button-border': '#0000001a',
    'button-secondaryBackground': '#E5E5E5', 'button-secondaryForeground': '#3B3B3B', 'button-secondaryHoverBackground': '#CCCCCC',
    focusBorder: '#005FB8', errorForeground: '#F85149', 'editorWarning-foreground': '#BF8803', 'editorError-foreground': '#E51400',
    'testing-iconPassed': '#73c991', 'charts-green': '#388A34', 'charts-yellow': '#BF8803', 'charts-red': '#E51400', 'charts-blue': '#1A85FF',
    'charts-purple': '#652D90', 'charts-orange': '#d18616', 'progressBar-background': '#005FB8', 'panel-border': '#E5E5E5', 'widget-border': '#E5E5E5',
    'input-background': '#FFFFFF', 'input-foreground': '#3B3B3B', 'input-border': '#CECECE', 'list-activeSelectionBackground': '#E8E8E8',
    'list-activeSelectionForeground': '#000000', 'list-hoverBackground': '#F2F2F2', 'textLink-foreground': '#005FB8', 'textCodeBlock-background': '#F8F8F8',
    'inputValidation-warningBackground': '#F6F5D2',
  },
};

export const darkModern: VscodeTheme = {
  name: 'dark',
  bodyClass: 'vscode-dark',
  colors: {
    ...font,
    foreground: '#CCCCCC', descriptionForeground: '#9D9D9D', 'sideBar-background': '#181818', 'editor-background': '#1F1F1F',
    'button-background': '#0078D4', 'button-foreground': '#FFFFFF', 'button-hoverBackground': '#026EC1', 'button-border': '#ffffff1a',
    'button-secondaryBackground': '#00000000', 'button-secondaryForeground': '#CCCCCC', 'button-secondaryHoverBackground': '#2B2B2B',
    focusBorder: '#0078D4', errorForeground: '#F85149', 'editorWarning-foreground': '#CCA700', 'editorError-foreground': '#F14C4C',
    'testing-iconPassed': '#73c991', 'charts-green': '#89D185', 'charts-yellow': '#CCA700', 'charts-red': '#F14C4C', 'charts-blue': '#3794FF',
    'charts-purple': '#B180D7', 'charts-orange': '#d18616', 'progressBar-background': '#0078D4', 'panel-border': '#2B2B2B', 'widget-border': '#313131',
    'input-background': '#313131', 'input-foreground': '#CCCCCC', 'input-border': '#3C3C3C', 'list-activeSelectionBackground': '#04395E',
    'list-activeSelectionForeground': '#FFFFFF', 'list-hoverBackground': '#2A2D2E', 'textLink-foreground': '#4daafc', 'textCodeBlock-background': '#2B2B2B',
    'inputValidation-warningBackground': '#352A05',
  },
};

export const highContrast: VscodeTheme = {
  name: 'high-contrast',
  bodyClass: 'vscode-high-contrast',
  colors: {
    ...font,
    foreground: '#FFFFFF', descriptionForeground: '#FFFFFFB3', 'sideBar-background': '#000000', 'editor-background': '#000000',
    'button-background': '#000000', 'button-foreground': '#FFFFFF', 'button-hoverBackground': '#000000', 'button-border': '#6FC3DF',
    'button-secondaryForeground': '#FFFFFF', contrastBorder: '#6FC3DF', contrastActiveBorder: '#F38518', 'list-focusOutline': '#F38518',
    focusBorder: '#F38518', errorForeground: '#F48771', 'editorWarning-foreground': '#FFD370', 'editorError-foreground': '#F48771',
    'testing-iconPassed': '#73c991', 'charts-green': '#89D185', 'charts-yellow': '#FFD370', 'charts-red': '#F48771', 'charts-blue': '#3794FF',
    'charts-purple': '#B180D7', 'charts-orange': '#d18616', 'progressBar-background': '#6FC3DF', 'panel-border': '#6FC3DF', 'widget-border': '#6FC3DF',
    'input-background': '#000000', 'input-foreground': '#FFFFFF', 'input-border': '#6FC3DF', 'list-hoverBackground': '#FFFFFF1A',
    'textLink-foreground': '#21A6FF', 'textCodeBlock-background': '#000000', 'inputValidation-warningBackground': '#000000',
  },
};

export const themes = [lightModern, darkModern, highContrast];
