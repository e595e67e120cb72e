package bot

// RequiredScopes lists every bot scope the code needs, with the Web API
// methods or events that need it. A test checks manifest.yml grants each.
var RequiredScopes = map[string][]string{
	"commands":   {"/followup"},
	"chat:write": {"chat.postMessage", "chat.update"},
	"im:write":   {"conversations.open"},
	"im:history": {"conversations.history"},
	"users:read": {"users.info", "user_change"},
}

// RequiredEvents lists the Events API events the bot handles.
var RequiredEvents = []string{"app_home_opened", "user_change"}
