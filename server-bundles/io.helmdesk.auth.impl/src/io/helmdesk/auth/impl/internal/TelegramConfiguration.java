package io.helmdesk.auth.impl.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration PID {@code io.helmdesk.telegram}: the bot that sends second-factor codes (ACC-8). */
@ObjectClassDefinition(name = "Helmdesk Telegram bot", description = "Second-factor codes sent through a Telegram bot")
@interface TelegramConfiguration {

    String PID = "io.helmdesk.telegram";

    /** ".bot.token": the leading dot keeps it a private component property, never published with the service. */
    @AttributeDefinition(description = "The bot's token, as BotFather gave it", type = AttributeType.PASSWORD)
    String _bot_token() default "";

    @AttributeDefinition(description = "The bot's user name, without @ (shown to people who link their chat)")
    String bot_username() default "";

    @AttributeDefinition(description = "Base URL of the Bot API; change it only for a local Bot API server")
    String api_base_url() default "https://api.telegram.org";

    @AttributeDefinition(description = "Seconds a getUpdates long poll waits for messages")
    int poll_timeout_seconds() default 25;
}
