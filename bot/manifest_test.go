package bot

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/dlclark/regexp2"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"gopkg.in/yaml.v3"
)

// manifest is the part of manifest.yml the code depends on.
type manifest struct {
	Features struct {
		AppHome struct {
			HomeTab     bool `yaml:"home_tab_enabled"`
			MessagesTab bool `yaml:"messages_tab_enabled"`
		} `yaml:"app_home"`
		SlashCommands []struct {
			Command string `yaml:"command"`
		} `yaml:"slash_commands"`
	} `yaml:"features"`
	OAuth struct {
		Scopes struct {
			Bot []string `yaml:"bot"`
		} `yaml:"scopes"`
	} `yaml:"oauth_config"`
	Settings struct {
		Events struct {
			Bot []string `yaml:"bot_events"`
		} `yaml:"event_subscriptions"`
		Interactivity struct {
			Enabled bool `yaml:"is_enabled"`
		} `yaml:"interactivity"`
		SocketMode bool `yaml:"socket_mode_enabled"`
	} `yaml:"settings"`
}

func readManifest(t *testing.T) []byte {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("..", "manifest.yml"))
	if err != nil {
		t.Fatalf("read manifest: %v", err)
	}
	return raw
}

func TestManifestGrantsWhatTheCodeNeeds(t *testing.T) {
	var m manifest
	if err := yaml.Unmarshal(readManifest(t), &m); err != nil {
		t.Fatalf("parse manifest.yml: %v", err)
	}
	required := RequiredScopes()
	for scope, users := range required {
		if !slices.Contains(m.OAuth.Scopes.Bot, scope) {
			t.Errorf("manifest lacks bot scope %q (needed by %v)", scope, users)
		}
	}
	for _, scope := range m.OAuth.Scopes.Bot {
		if _, ok := required[scope]; !ok {
			t.Errorf("manifest asks for scope %q that no code needs: keep scopes minimal", scope)
		}
	}
	for _, ev := range RequiredEvents() {
		if !slices.Contains(m.Settings.Events.Bot, ev) {
			t.Errorf("manifest lacks bot event %q", ev)
		}
	}
	if len(m.Features.SlashCommands) != 1 || m.Features.SlashCommands[0].Command != "/followup" {
		t.Errorf("slash commands: got %+v, want exactly /followup", m.Features.SlashCommands)
	}
	if !m.Settings.SocketMode {
		t.Error("socket_mode_enabled: got false, want true")
	}
	if !m.Settings.Interactivity.Enabled {
		t.Error("interactivity.is_enabled: got false, want true")
	}
	if !m.Features.AppHome.HomeTab || !m.Features.AppHome.MessagesTab {
		t.Error("app_home: want both the home tab and the messages tab enabled")
	}
}

// TestManifestMatchesSlackSchema validates manifest.yml against Slack's
// official manifest JSON Schema, kept in ../shared beside the repository.
func TestManifestMatchesSlackSchema(t *testing.T) {
	dir := filepath.Join("..", "..", "shared", "slack-manifest-schema")
	if _, err := os.Stat(filepath.Join(dir, "manifest.schema.json")); err != nil {
		t.Skipf("Slack's manifest schema is not at %s (it ships beside the repository in CI, not in a fresh clone): %v", dir, err)
	}
	c := jsonschema.NewCompiler()
	// Slack's schema uses ECMAScript look-aheads in patterns, which Go's
	// regexp lacks; regexp2 speaks that dialect.
	c.UseRegexpEngine(ecmaRegexp)
	// The entry schema refers to the versioned ones by their public URLs;
	// load them under those URLs so nothing is fetched.
	for file, url := range map[string]string{
		"manifest.schema.json":       "https://github.com/slackapi/manifest-schema/blob/main/manifest.schema.json",
		"manifest.schema.1.0.0.json": "https://raw.githubusercontent.com/slackapi/manifest-schema/v0.5.0/schemas/manifest.schema.1.0.0.json",
		"manifest.schema.2.0.0.json": "https://raw.githubusercontent.com/slackapi/manifest-schema/v0.5.0/schemas/manifest.schema.2.0.0.json",
	} {
		f, err := os.Open(filepath.Join(dir, file))
		if err != nil {
			t.Fatal(err)
		}
		doc, err := jsonschema.UnmarshalJSON(f)
		f.Close()
		if err != nil {
			t.Fatalf("parse %s: %v", file, err)
		}
		if err := c.AddResource(url, doc); err != nil {
			t.Fatalf("add %s: %v", file, err)
		}
	}
	schema, err := c.Compile("https://github.com/slackapi/manifest-schema/blob/main/manifest.schema.json")
	if err != nil {
		t.Fatalf("compile schema: %v", err)
	}

	var doc any
	if err := yaml.Unmarshal(readManifest(t), &doc); err != nil {
		t.Fatalf("parse manifest.yml: %v", err)
	}
	js, err := json.Marshal(doc)
	if err != nil {
		t.Fatalf("manifest to JSON: %v", err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(js))
	if err != nil {
		t.Fatal(err)
	}
	if err := schema.Validate(inst); err != nil {
		t.Fatalf("manifest.yml does not match Slack's schema:\n%v", err)
	}

	t.Run("SchemaCatchesMistakes", func(t *testing.T) {
		// A misspelt key must fail, or the check above proves nothing.
		bad := map[string]any{"display_information": map[string]any{"name": "x"}, "settings": map[string]any{"socket_mode": true}}
		js, _ := json.Marshal(bad)
		inst, _ := jsonschema.UnmarshalJSON(bytes.NewReader(js))
		if schema.Validate(inst) == nil {
			t.Error("schema accepted settings.socket_mode (misspelt); want an error")
		}
	})
}

// ecmaPattern adapts regexp2 to the schema compiler.
type ecmaPattern struct{ re *regexp2.Regexp }

func (p ecmaPattern) MatchString(s string) bool {
	ok, err := p.re.MatchString(s)
	return err == nil && ok
}

func (p ecmaPattern) String() string { return p.re.String() }

func ecmaRegexp(pattern string) (jsonschema.Regexp, error) {
	re, err := regexp2.Compile(pattern, regexp2.ECMAScript)
	if err != nil {
		return nil, err
	}
	return ecmaPattern{re}, nil
}
