-- WhatsApp template categories as Meta last reported them (template_category_update webhook): marketing templates go to
-- the Marketing Messages API (/marketing_messages), the others to /messages. A template not listed is marketing.
create table lj_whatsapp_template (
    name        varchar(512) not null,
    language    varchar(20)  not null,
    category    varchar(30)  not null,
    template_id varchar(64),
    updated_at  timestamp with time zone not null,
    constraint pk_whatsapp_template primary key (name, language)
);
