package bot

// RequiredScopes returns every bot scope the code needs, with the Web API
// methods or events that need it. A test checks manifest.yml grants each.
// It is a function, not a package variable, so no caller can change the
// list another one reads.
func RequiredScopes() map[string][]string {
	return map[string][]string{
		"commands":    {"/followup"},
		"chat:write":  {"chat.postMessage", "chat.update"},
		"im:write":    {"conversations.open"},
		"im:history":  {"conversations.history"},
		"users:read":  {"users.info", "user_change"},
		"files:write": {"files.getUploadURLExternal", "files.completeUploadExternal"},
	}
}

// RequiredEvents returns the Events API events the bot handles.
func RequiredEvents() []string { return []string{"app_home_opened", "user_change"} }
