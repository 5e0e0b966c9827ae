package com.attest.platform.web;

import com.attest.platform.InvalidInput;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.component.UIComponent;
import jakarta.faces.component.visit.VisitContext;
import jakarta.faces.component.visit.VisitResult;
import jakarta.faces.context.FacesContext;
import java.text.MessageFormat;
import java.util.ResourceBundle;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Puts messages where a person sees them: a service's field errors beside their fields (component id =
 * field name), other messages at the top of the page, all texts from the {@code msg} bundle.
 */
public final class Forms {

    private Forms() {
    }

    /**
     * Shows each field error beside the component of that id: inside {@code formId} first, else anywhere on the page
     * (a button may sit outside the form whose fields it submits), else at the top.
     */
    public static void show(InvalidInput invalid, String formId) {
        FacesContext context = FacesContext.getCurrentInstance();
        UIComponent form = formId == null ? null : context.getViewRoot().findComponent(formId);
        for (InvalidInput.FieldError error : invalid.errors()) {
            UIComponent field = form == null ? null : form.findComponent(error.field());
            if (field == null) {
                field = anywhere(context, error.field());
            }
            String clientId = field == null ? null : field.getClientId(context);
            context.addMessage(clientId, new FacesMessage(FacesMessage.SEVERITY_ERROR, error.message(), null));
        }
        context.validationFailed();
    }

    private static UIComponent anywhere(FacesContext context, String id) {
        AtomicReference<UIComponent> found = new AtomicReference<>();
        context.getViewRoot().visitTree(VisitContext.createVisitContext(context), (visit, component) -> {
            if (id.equals(component.getId())) {
                found.set(component);
                return VisitResult.COMPLETE;
            }
            return VisitResult.ACCEPT;
        });
        return found.get();
    }

    public static void info(String key, Object... args) {
        add(FacesMessage.SEVERITY_INFO, key, args);
    }

    public static void error(String key, Object... args) {
        add(FacesMessage.SEVERITY_ERROR, key, args);
    }

    public static String text(String key, Object... args) {
        FacesContext context = FacesContext.getCurrentInstance();
        ResourceBundle bundle = context.getApplication().getResourceBundle(context, "msg");
        String pattern = bundle.getString(key);
        return args.length == 0 ? pattern : new MessageFormat(pattern, bundle.getLocale()).format(args);
    }

    private static void add(FacesMessage.Severity severity, String key, Object... args) {
        FacesContext context = FacesContext.getCurrentInstance();
        context.addMessage(null, new FacesMessage(severity, text(key, args), null));
    }
}
